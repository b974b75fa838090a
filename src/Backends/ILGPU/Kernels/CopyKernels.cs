using ILGPU;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>Strided copies: y[yOff + Σ_d i_d·ys_d] = x[xOff + Σ_d i_d·xs_d] over every index i of an extent box (permute, narrow, cat).</summary>
public static class CopyKernels
{
    /// <summary>
    /// One thread per element of the box of <paramref name="count"/> elements; <paramref name="layout"/> holds rank extents,
    /// rank source strides, then rank destination strides (all in elements).
    /// </summary>
    public static void StridedCopy(ArrayView<float> x, ArrayView<float> y, ArrayView<int> layout, int rank, int count,
        int xOffset, int yOffset)
    {
        for (int i = Grid.GlobalIndex.X; i < count; i += Grid.DimX * Group.DimX)
        {
            int rest = i, xo = xOffset, yo = yOffset;
            for (int d = rank - 1; d >= 0; d--)
            {
                int extent = layout[d];
                int digit = rest % extent;
                rest /= extent;
                xo += digit * layout[rank + d];
                yo += digit * layout[2 * rank + d];
            }
            y[yo] = x[xo];
        }
    }

    /// <summary>y[r, j] = row[j] for every row r of y [R, N] (a bias laid into each row before a GEMM accumulates into it).</summary>
    public static void BroadcastRows(ArrayView<float> row, ArrayView<float> y, int n)
    {
        for (int i = Grid.GlobalIndex.X; i < y.IntLength; i += Grid.DimX * Group.DimX)
            y[i] = row[i % n];
    }
}
