using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>
/// Graph-free autograd and precision families: this backend records no graph (gradients come from wrapping it in the
/// autodiff decorator), so no-grad and checkpointing are plain calls and only float32 autocast regions are accepted.
/// </summary>
public sealed partial class IlgpuBackend
{
    private static NotSupportedException NoGraph(string op) =>
        new($"ILGPU backend: {op} needs a gradient tape; wrap the backend in the autodiff decorator (AutodiffBackend)");

    /// <inheritdoc />
    public void SetRequiresGrad(Tensor a, bool requiresGrad)
    {
        if (requiresGrad) throw NoGraph(nameof(SetRequiresGrad));
    }
    /// <summary>Always false: this backend records no graph.</summary>
    public bool RequiresGrad(Tensor a) => false;
    /// <inheritdoc />
    public void Backward(Tensor scalar) => throw NoGraph(nameof(Backward));
    /// <summary>Always null: no tensor of this backend has a gradient.</summary>
    public Tensor? Grad(Tensor a) => null;
    /// <summary>Nothing to clear.</summary>
    public void ZeroGrad(Tensor a) { }
    /// <summary>The tensor itself: it is not part of any graph.</summary>
    public Tensor Detach(Tensor a) => a;
    /// <summary>A no-op region (there is no recording to disable).</summary>
    public IDisposable NoGrad() => NoOpRegion.Instance;
    /// <summary>A plain call of the segment (nothing is kept for backward, so there is nothing to recompute).</summary>
    public Tensor Checkpoint(Func<Tensor, Tensor> segment, Tensor input) => segment(input);
    /// <summary>Always false: there is no recomputation.</summary>
    public bool IsRecomputing => false;

    /// <summary>Always null: only float32 is computed.</summary>
    public DType? ComputeDType => null;
    /// <summary>A float32 region is a no-op; half compute dtypes are refused (ILGPU has no bfloat16 type; the kernels are float32).</summary>
    public IDisposable Autocast(DType dtype) => dtype == DType.Float32
        ? NoOpRegion.Instance
        : throw new NotSupportedException($"ILGPU backend: Autocast({dtype}): no half-precision compute (ILGPU has no bfloat16 type; every kernel is float32)");

    private sealed class NoOpRegion : IDisposable
    {
        public static readonly NoOpRegion Instance = new();
        public void Dispose() { }
    }
}
