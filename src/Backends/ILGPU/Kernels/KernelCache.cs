using System.Collections.Concurrent;
using ILGPU;
using ILGPU.Runtime;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>
/// Kernels compiled once per accelerator and reused: each generic instantiation (one per function struct) is loaded on
/// first use and launched with a grid-stride configuration of min(⌈n/group⌉, maxGroups) groups.
/// </summary>
internal sealed class KernelCache(Accelerator accelerator)
{
    private readonly ConcurrentDictionary<Type, Delegate> _unary = new();
    private readonly ConcurrentDictionary<Type, Delegate> _binary = new();
    private readonly Lazy<Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, int, int, float>> _sum =
        new(() => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, int, int, int, float>(
            ReductionKernels.Sum));
    private readonly Lazy<Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, int, int, int>> _matMul =
        new(() => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, int, int, int>(
            MatMulKernels.BatchedMatMul));
    private readonly Lazy<Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>> _linear =
        new(() => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>(
            MatMulKernels.Linear));

    /// <summary>Grid-stride launch shape for n work items: groups of up to 256 threads, at most 4 groups per multiprocessor.</summary>
    public KernelConfig For(long n)
    {
        int group = Math.Max(1, Math.Min(256, accelerator.MaxNumThreadsPerGroup));
        long wanted = Math.Max(1, (n + group - 1) / group);
        int grid = (int)Math.Min(wanted, Math.Max(1, accelerator.NumMultiprocessors * 4));
        return new KernelConfig(grid, group);
    }

    /// <summary>y[i] = f(x[i]).</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, TFunction> Unary<TFunction>()
        where TFunction : struct, IUnaryFunction =>
        (Action<KernelConfig, ArrayView<float>, ArrayView<float>, TFunction>)_unary.GetOrAdd(typeof(TFunction),
            _ => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, TFunction>(ElementwiseKernels.Unary));

    /// <summary>y[i] = f(a[off_a(i)], b[off_b(i)]) under broadcasting.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, TFunction> Binary<TFunction>()
        where TFunction : struct, IBinaryFunction =>
        (Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, TFunction>)_binary.GetOrAdd(
            typeof(TFunction),
            _ => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, TFunction>(
                ElementwiseKernels.Binary));

    /// <summary>y[o] = scale · Σ_r x[offset(o) + offset(r)].</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, int, int, float> Sum => _sum.Value;

    /// <summary>C[b] = A[b] · B[b] with broadcast batch offsets.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, int, int, int> MatMul => _matMul.Value;

    /// <summary>Y = X Wᵀ + b.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int> Linear => _linear.Value;
}
