using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Op families without ILGPU kernels yet (shape, neural, autograd, precision, memory): each throws naming the op.</summary>
public sealed partial class IlgpuBackend
{
    private static NotSupportedException Missing(string op) => new($"ILGPU backend: {op} is not implemented yet");

    /// <inheritdoc />
    public Tensor Reshape(Tensor a, ReadOnlySpan<long> shape) => throw Missing(nameof(Reshape));
    /// <inheritdoc />
    public Tensor Permute(Tensor a, ReadOnlySpan<long> dims) => throw Missing(nameof(Permute));
    /// <inheritdoc />
    public Tensor Flatten(Tensor a, long startDim = 0, long endDim = -1) => throw Missing(nameof(Flatten));
    /// <inheritdoc />
    public Tensor Cat(IReadOnlyList<Tensor> tensors, long dim) => throw Missing(nameof(Cat));
    /// <inheritdoc />
    public Tensor Narrow(Tensor a, long dim, long start, long length) => throw Missing(nameof(Narrow));

    /// <inheritdoc />
    public Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, int stride = 1, int padding = 0, int dilation = 1, int groups = 1) =>
        throw Missing(nameof(Conv2d));
    /// <inheritdoc />
    public Tensor GlobalAveragePool2d(Tensor input) => throw Missing(nameof(GlobalAveragePool2d));
    /// <inheritdoc />
    public Tensor AdaptiveAveragePool2d(Tensor input, int outputHeight, int outputWidth) => throw Missing(nameof(AdaptiveAveragePool2d));
    /// <inheritdoc />
    public Tensor MaxPool2d(Tensor input, int kernel, int stride, int padding = 0) => throw Missing(nameof(MaxPool2d));
    /// <inheritdoc />
    public Tensor BatchNorm(Tensor input, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum, double eps) => throw Missing(nameof(BatchNorm));
    /// <inheritdoc />
    public Tensor CrossEntropy(Tensor logits, Tensor targets) => throw Missing(nameof(CrossEntropy));
    /// <inheritdoc />
    public Tensor ToMemoryFormat(Tensor input, MemoryFormat format) => throw Missing(nameof(ToMemoryFormat));

    /// <inheritdoc />
    public void SetRequiresGrad(Tensor a, bool requiresGrad) => throw Missing(nameof(SetRequiresGrad));
    /// <summary>Always false: this backend records no graph yet.</summary>
    public bool RequiresGrad(Tensor a) => false;
    /// <inheritdoc />
    public void Backward(Tensor scalar) => throw Missing(nameof(Backward));
    /// <inheritdoc />
    public Tensor? Grad(Tensor a) => throw Missing(nameof(Grad));
    /// <inheritdoc />
    public void ZeroGrad(Tensor a) => throw Missing(nameof(ZeroGrad));
    /// <inheritdoc />
    public Tensor Detach(Tensor a) => throw Missing(nameof(Detach));
    /// <inheritdoc />
    public IDisposable NoGrad() => throw Missing(nameof(NoGrad));
    /// <inheritdoc />
    public Tensor Checkpoint(Func<Tensor, Tensor> segment, Tensor input) => throw Missing(nameof(Checkpoint));
    /// <summary>Always false: there is no recomputation without checkpointing.</summary>
    public bool IsRecomputing => false;

    /// <summary>Always null: no mixed-precision policy yet (float32 only).</summary>
    public DType? ComputeDType => null;
    /// <inheritdoc />
    public IDisposable Autocast(DType dtype) => throw Missing(nameof(Autocast));

    /// <inheritdoc />
    public IDisposable NewScope() => throw Missing(nameof(NewScope));
    /// <inheritdoc />
    public Tensor Keep(Tensor a) => throw Missing(nameof(Keep));
    /// <inheritdoc />
    public Tensor Persist(Tensor a) => throw Missing(nameof(Persist));
}
