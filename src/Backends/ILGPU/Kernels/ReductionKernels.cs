using ILGPU;
using ILGPU.Algorithms;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>Grid-stride reduction over chosen dims: y[o] = scale · Σ_r x[offset(o) + offset(r)].</summary>
public static class ReductionKernels
{
    /// <summary>
    /// One thread per kept index o. <paramref name="layout"/> holds keptRank extents, keptRank input strides, then
    /// reducedRank extents and reducedRank input strides; the sum accumulates in float32 with Neumaier's compensation (the
    /// rounding error of each addition is carried, so long sums with cancellation, such as batch-norm gradients, stay accurate
    /// to float32 rounding of the exact sum) and is multiplied by
    /// <paramref name="scale"/> (1 for Σ, 1/count for the mean).
    /// </summary>
    public static void Sum(ArrayView<float> x, ArrayView<float> y, ArrayView<int> layout, int keptRank, int reducedRank,
        int reducedCount, float scale)
    {
        int n = y.IntLength;
        int reducedBase = 2 * keptRank;
        for (int o = Grid.GlobalIndex.X; o < n; o += Grid.DimX * Group.DimX)
        {
            int rest = o, start = 0;
            for (int d = keptRank - 1; d >= 0; d--)
            {
                int extent = layout[d];
                start += rest % extent * layout[keptRank + d];
                rest /= extent;
            }
            float total = 0f, compensation = 0f;
            for (int r = 0; r < reducedCount; r++)
            {
                int restR = r, offset = start;
                for (int d = reducedRank - 1; d >= 0; d--)
                {
                    int extent = layout[reducedBase + d];
                    offset += restR % extent * layout[reducedBase + reducedRank + d];
                    restR /= extent;
                }
                float value = x[offset], next = total + value;
                compensation += XMath.Abs(total) >= XMath.Abs(value) ? (total - next) + value : (value - next) + total;
                total = next;
            }
            y[o] = (total + compensation) * scale;
        }
    }
}
