using ILGPU;
using ILGPU.Algorithms;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>
/// Pooling over planes [P = N·C, H, W]. Adaptive cell (i, j) of an OH×OW grid covers rows ⌊i·H/OH⌋ … ⌈(i+1)·H/OH⌉ − 1 and
/// the same for columns (PyTorch's adaptive_avg_pool2d).
/// </summary>
public static class PoolingKernels
{
    /// <summary>y[p,i,j] = mean of x[p, rows(i), cols(j)].</summary>
    public static void AdaptiveAverage(ArrayView<float> x, ArrayView<float> y, int h, int w, int oh, int ow)
    {
        int total = y.IntLength;
        for (int idx = Grid.GlobalIndex.X; idx < total; idx += Grid.DimX * Group.DimX)
        {
            int j = idx % ow;
            int i = idx / ow % oh;
            int p = idx / (ow * oh);
            int h0 = i * h / oh, h1 = ((i + 1) * h + oh - 1) / oh;
            int w0 = j * w / ow, w1 = ((j + 1) * w + ow - 1) / ow;
            float sum = 0f;
            for (int r = h0; r < h1; r++)
                for (int c = w0; c < w1; c++)
                    sum += x[(p * h + r) * w + c];
            y[idx] = sum / ((h1 - h0) * (w1 - w0));
        }
    }

    /// <summary>∂L/∂x[p,r,c] = Σ over cells (i, j) that cover (r, c) of ∂L/∂y[p,i,j] / |cell(i, j)|.</summary>
    public static void AdaptiveAverageBackward(ArrayView<float> gy, ArrayView<float> gx, int h, int w, int oh, int ow)
    {
        int total = gx.IntLength;
        for (int idx = Grid.GlobalIndex.X; idx < total; idx += Grid.DimX * Group.DimX)
        {
            int c = idx % w;
            int r = idx / w % h;
            int p = idx / (w * h);
            float acc = 0f;
            for (int i = 0; i < oh; i++)
            {
                int h0 = i * h / oh, h1 = ((i + 1) * h + oh - 1) / oh;
                if (r < h0 || r >= h1) continue;
                for (int j = 0; j < ow; j++)
                {
                    int w0 = j * w / ow, w1 = ((j + 1) * w + ow - 1) / ow;
                    if (c < w0 || c >= w1) continue;
                    acc += gy[(p * oh + i) * ow + j] / ((h1 - h0) * (w1 - w0));
                }
            }
            gx[idx] = acc;
        }
    }

    /// <summary>y[p,i,j] = max over the k×k window at (i·s − pad, j·s − pad), positions outside the plane skipped.</summary>
    public static void Max(ArrayView<float> x, ArrayView<float> y, int h, int w, int oh, int ow, int kernel, int stride, int padding)
    {
        int total = y.IntLength;
        for (int idx = Grid.GlobalIndex.X; idx < total; idx += Grid.DimX * Group.DimX)
        {
            int j = idx % ow;
            int i = idx / ow % oh;
            int p = idx / (ow * oh);
            y[idx] = x[p * h * w + WindowWinner(x, p, i, j, h, w, kernel, stride, padding)];
        }
    }

    /// <summary>
    /// gx[p,r,c] = Σ gy[p,i,j] over the windows (i, j) that cover (r, c) and whose winner is (r, c); one thread per input
    /// pixel, each window's winner recomputed.
    /// </summary>
    public static void MaxBackward(ArrayView<float> x, ArrayView<float> gy, ArrayView<float> gx, int h, int w, int oh, int ow,
        int kernel, int stride, int padding)
    {
        int total = gx.IntLength;
        for (int idx = Grid.GlobalIndex.X; idx < total; idx += Grid.DimX * Group.DimX)
        {
            int c = idx % w;
            int r = idx / w % h;
            int p = idx / (w * h);
            int iLo = r + padding - kernel + 1, jLo = c + padding - kernel + 1;
            iLo = iLo <= 0 ? 0 : (iLo + stride - 1) / stride;
            jLo = jLo <= 0 ? 0 : (jLo + stride - 1) / stride;
            int iHi = XMath.Min(oh - 1, (r + padding) / stride), jHi = XMath.Min(ow - 1, (c + padding) / stride);
            float acc = 0f;
            for (int i = iLo; i <= iHi; i++)
                for (int j = jLo; j <= jHi; j++)
                    if (WindowWinner(x, p, i, j, h, w, kernel, stride, padding) == r * w + c) acc += gy[(p * oh + i) * ow + j];
            gx[idx] = acc;
        }
    }

    /// <summary>
    /// Position (row·w + column in plane p) of the maximum of window (i, j): the first in row-major scan order, a NaN
    /// winning over numbers (libtorch's rule), the window's first in-plane pixel when all are −∞.
    /// </summary>
    private static int WindowWinner(ArrayView<float> x, int p, int i, int j, int h, int w, int kernel, int stride, int padding)
    {
        float best = float.NegativeInfinity;
        int winner = -1;
        for (int u = 0; u < kernel; u++)
        {
            int r = i * stride - padding + u;
            if (r < 0 || r >= h) continue;
            for (int v = 0; v < kernel; v++)
            {
                int c = j * stride - padding + v;
                if (c < 0 || c >= w) continue;
                float value = x[(p * h + r) * w + c];
                if (winner < 0 || value > best || XMath.IsNaN(value))
                {
                    best = value;
                    winner = r * w + c;
                }
            }
        }
        return winner;
    }
}
