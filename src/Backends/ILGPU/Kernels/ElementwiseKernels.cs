using ILGPU;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>Grid-stride elementwise kernels: y[i] = f(x[i]) and y[i] = f(a[off_a(i)], b[off_b(i)]) under broadcasting.</summary>
public static class ElementwiseKernels
{
    /// <summary>y[i] = f(x[i]) for every i, each thread striding by the grid size.</summary>
    public static void Unary<TFunction>(ArrayView<float> x, ArrayView<float> y, TFunction function)
        where TFunction : struct, IUnaryFunction
    {
        int n = y.IntLength;
        for (int i = Grid.GlobalIndex.X; i < n; i += Grid.DimX * Group.DimX)
            y[i] = function.Apply(x[i]);
    }

    /// <summary>
    /// y[i] = f(a[Σ_d i_d·sa_d], b[Σ_d i_d·sb_d]) where i_d are the digits of i in the output shape and the strides are 0 on
    /// broadcast dims. <paramref name="layout"/> holds rank entries each of output shape, a strides and b strides.
    /// </summary>
    public static void Binary<TFunction>(ArrayView<float> a, ArrayView<float> b, ArrayView<float> y, ArrayView<int> layout,
        int rank, TFunction function)
        where TFunction : struct, IBinaryFunction
    {
        int n = y.IntLength;
        for (int i = Grid.GlobalIndex.X; i < n; i += Grid.DimX * Group.DimX)
        {
            int rest = i, offsetA = 0, offsetB = 0;
            for (int d = rank - 1; d >= 0; d--)
            {
                int extent = layout[d];
                int digit = rest % extent;
                rest /= extent;
                offsetA += digit * layout[rank + d];
                offsetB += digit * layout[2 * rank + d];
            }
            y[i] = function.Apply(a[offsetA], b[offsetB]);
        }
    }
}
