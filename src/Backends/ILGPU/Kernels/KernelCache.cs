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
    private readonly Lazy<Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, GemmGeometry>> _gemmDirect =
        new(() => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, GemmGeometry>(
            MatMulKernels.Direct));
    private readonly Lazy<Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, GemmGeometry>> _gemmTiled =
        new(() => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, GemmGeometry>(
            MatMulKernels.Tiled));

    private readonly ConcurrentDictionary<string, Delegate> _named = new();

    /// <summary>A non-generic kernel loaded on first use under <paramref name="name"/> and reused.</summary>
    private TDelegate Named<TDelegate>(string name, Func<TDelegate> load) where TDelegate : Delegate =>
        (TDelegate)_named.GetOrAdd(name, _ => load());

    /// <summary>Strided copy of an extent box (permute, narrow, cat, contiguous copies).</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, int, int, int, int> StridedCopy =>
        Named(nameof(StridedCopy), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, int, int, int, int>(
            CopyKernels.StridedCopy));

    /// <summary>A row repeated into every row of a matrix.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, int> BroadcastRows =>
        Named(nameof(BroadcastRows), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int>(CopyKernels.BroadcastRows));

    /// <summary>Direct grouped convolution.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvGeometry, int> Conv2d =>
        Named(nameof(Conv2d), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvGeometry, int>(
            ConvolutionKernels.Forward));

    /// <summary>Gradient of a convolution with respect to its input.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvGeometry> Conv2dBackwardInput =>
        Named(nameof(Conv2dBackwardInput), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvGeometry>(
            ConvolutionKernels.BackwardInput));

    /// <summary>Gradient of a convolution with respect to its weight.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvGeometry> Conv2dBackwardWeight =>
        Named(nameof(Conv2dBackwardWeight), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ConvGeometry>(
            ConvolutionKernels.BackwardWeight));

    /// <summary>Per-channel mean and biased variance.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int> ChannelMoments =>
        Named(nameof(ChannelMoments), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int>(
            NormalizationKernels.ChannelMoments));

    /// <summary>Batch-norm affine normalisation.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float, int, int> BatchNormApply =>
        Named(nameof(BatchNormApply), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, float, int, int>(
            NormalizationKernels.Apply));

    /// <summary>Running-statistic momentum update.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, float, float> RunningUpdate =>
        Named(nameof(RunningUpdate), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, float, float>(
            NormalizationKernels.RunningUpdate));

    /// <summary>Adaptive average pooling.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int, int> AdaptiveAverage =>
        Named(nameof(AdaptiveAverage), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, int, int, int>(
            PoolingKernels.AdaptiveAverage));

    /// <summary>Gradient of adaptive average pooling.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int, int> AdaptiveAverageBackward =>
        Named(nameof(AdaptiveAverageBackward), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, int, int, int>(
            PoolingKernels.AdaptiveAverageBackward));

    /// <summary>Max pooling with a square window.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int, int, int, int, int> MaxPool =>
        Named(nameof(MaxPool), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, int, int, int, int, int, int>(
            PoolingKernels.Max));

    /// <summary>Gradient of max pooling.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int, int, int, int> MaxPoolBackward =>
        Named(nameof(MaxPoolBackward), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int, int, int, int, int, int>(
            PoolingKernels.MaxBackward));

    /// <summary>Softmax or log-softmax along one dim.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int, int> Softmax =>
        Named(nameof(Softmax), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, int, int, int>(RowKernels.Softmax));

    /// <summary>L2 normalisation along one dim.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int, float> L2Normalize =>
        Named(nameof(L2Normalize), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, int, int, float>(RowKernels.L2Normalize));

    /// <summary>Maximum along one dim.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, int, int> RowMax =>
        Named(nameof(RowMax), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, int, int>(RowKernels.Max));

    /// <summary>Index of the maximum along one dim.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<int>, int, int, int> RowArgMax =>
        Named(nameof(RowArgMax), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<int>, int, int, int>(RowKernels.ArgMax));

    /// <summary>Per-row cross-entropy of logits against class indices.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int> CrossEntropy =>
        Named(nameof(CrossEntropy), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int>(RowKernels.CrossEntropy));

    /// <summary>Box–Muller blocks of libtorch's normal fill.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, int, float, float> NormalBlocks =>
        Named(nameof(NormalBlocks), () => accelerator.LoadStreamKernel<ArrayView<float>, ArrayView<float>, int, float, float>(RandomKernels.NormalBlocks));

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

    /// <summary>C[b] = A[b] · op(B[b]) (+ bias), one thread per element.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, GemmGeometry> GemmDirect => _gemmDirect.Value;

    /// <summary>C[b] = A[b] · op(B[b]) (+ bias) by shared-memory tiles; launch with <see cref="ForTiles"/>.</summary>
    public Action<KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, GemmGeometry> GemmTiled => _gemmTiled.Value;

    /// <summary>
    /// Side of the square GEMM tile: the largest power of two t with t² ≤ min(256, threads per group) (16 on GPUs, 4 on
    /// ILGPU's default CPU accelerator with 16 threads per group).
    /// </summary>
    public int GemmTile
    {
        get
        {
            int limit = Math.Min(256, accelerator.MaxNumThreadsPerGroup), t = 1;
            while (4 * t * t <= limit) t *= 2;
            return t;
        }
    }

    /// <summary>One t×t group per output tile (grid-stride over tiles, at most 8 groups per multiprocessor), 2·t² floats of dynamic shared memory.</summary>
    public KernelConfig ForTiles(GemmGeometry g)
    {
        int grid = (int)Math.Max(1, Math.Min(g.TileCount, Math.Max(1, accelerator.NumMultiprocessors * 8L)));
        return new KernelConfig(new Index3D(grid, 1, 1), new Index3D(g.Tile, g.Tile, 1), SharedMemoryConfig.RequestDynamic<float>(2 * g.Tile * g.Tile));
    }
}
