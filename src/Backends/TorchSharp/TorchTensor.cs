using Seer.Toolkit.Tensors;
using TT = TorchSharp.torch.Tensor;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>A <see cref="Tensor"/> backed by a libtorch tensor.</summary>
public sealed class TorchTensor(TorchBackend backend, TT native) : Tensor
{
    /// <summary>The libtorch tensor.</summary>
    public TT Native { get; } = native;

    /// <inheritdoc />
    public override IBackend Backend => backend;

    /// <inheritdoc />
    public override long[] Shape => Native.shape;

    /// <inheritdoc />
    public override DType DType => TorchTypes.FromTorch(Native.dtype);

    /// <inheritdoc />
    public override Device Device => TorchTypes.FromTorch(Native.device);

    /// <inheritdoc />
    public override void Dispose() => Native.Dispose();
}
