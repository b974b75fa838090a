using ILGPU;
using ILGPU.Algorithms;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>
/// Kernels along one dim of x viewed as [outer, D, inner]: one thread per row (o, k) reads x[(o·D + d)·inner + k], d &lt; D.
/// </summary>
public static class RowKernels
{
    /// <summary>softmax: y_d = e^{x_d − m} / Σ e^{x_j − m}; log-softmax (<paramref name="log"/> 1): y_d = x_d − m − ln Σ e^{x_j − m}; m = max x.</summary>
    public static void Softmax(ArrayView<float> x, ArrayView<float> y, int rows, int size, int inner, int log)
    {
        for (int row = Grid.GlobalIndex.X; row < rows; row += Grid.DimX * Group.DimX)
        {
            int start = row / inner * size * inner + row % inner;
            float m = float.NegativeInfinity;
            for (int d = 0; d < size; d++) m = XMath.Max(m, x[start + d * inner]);
            float sum = 0f;
            for (int d = 0; d < size; d++) sum += XMath.Exp(x[start + d * inner] - m);
            if (log != 0)
            {
                float lse = m + XMath.Log(sum);
                for (int d = 0; d < size; d++) y[start + d * inner] = x[start + d * inner] - lse;
            }
            else
            {
                float inv = 1f / sum;
                for (int d = 0; d < size; d++) y[start + d * inner] = XMath.Exp(x[start + d * inner] - m) * inv;
            }
        }
    }

    /// <summary>y_d = x_d / max(√Σ x_j², ε).</summary>
    public static void L2Normalize(ArrayView<float> x, ArrayView<float> y, int rows, int size, int inner, float eps)
    {
        for (int row = Grid.GlobalIndex.X; row < rows; row += Grid.DimX * Group.DimX)
        {
            int start = row / inner * size * inner + row % inner;
            float squares = 0f;
            for (int d = 0; d < size; d++)
            {
                float v = x[start + d * inner];
                squares += v * v;
            }
            float inv = 1f / XMath.Max(XMath.Sqrt(squares), eps);
            for (int d = 0; d < size; d++) y[start + d * inner] = x[start + d * inner] * inv;
        }
    }

    /// <summary>y[row] = max_d x_d (NaN propagates, as torch.max).</summary>
    public static void Max(ArrayView<float> x, ArrayView<float> y, int rows, int size, int inner)
    {
        for (int row = Grid.GlobalIndex.X; row < rows; row += Grid.DimX * Group.DimX)
        {
            int start = row / inner * size * inner + row % inner;
            float m = float.NegativeInfinity;
            for (int d = 0; d < size; d++)
            {
                float v = x[start + d * inner];
                if (v > m || XMath.IsNaN(v)) m = v;
                if (XMath.IsNaN(m)) break;
            }
            y[row] = m;
        }
    }

    /// <summary>y[row] = the first d with x_d = max x (a NaN counts as the maximum, as torch.argmax).</summary>
    public static void ArgMax(ArrayView<float> x, ArrayView<int> y, int rows, int size, int inner)
    {
        for (int row = Grid.GlobalIndex.X; row < rows; row += Grid.DimX * Group.DimX)
        {
            int start = row / inner * size * inner + row % inner;
            float m = x[start];
            int at = 0;
            for (int d = 1; d < size && !XMath.IsNaN(m); d++)
            {
                float v = x[start + d * inner];
                if (v > m || XMath.IsNaN(v)) (m, at) = (v, d);
            }
            y[row] = at;
        }
    }

    /// <summary>loss[row] = m + ln Σ_j e^{x_j − m} − x_{target[row]} for logits x = [rows, classes] (m = max x).</summary>
    public static void CrossEntropy(ArrayView<float> x, ArrayView<int> targets, ArrayView<float> loss, int rows, int classes)
    {
        for (int row = Grid.GlobalIndex.X; row < rows; row += Grid.DimX * Group.DimX)
        {
            int start = row * classes;
            float m = float.NegativeInfinity;
            for (int d = 0; d < classes; d++) m = XMath.Max(m, x[start + d]);
            float sum = 0f;
            for (int d = 0; d < classes; d++) sum += XMath.Exp(x[start + d] - m);
            loss[row] = m + XMath.Log(sum) - x[start + targets[row]];
        }
    }
}
