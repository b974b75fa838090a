using ILGPU;
using ILGPU.Runtime;
using Seer.Toolkit.Tensors;
using Device = Seer.Toolkit.Tensors.Device;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>A float32 <see cref="Tensor"/> stored row-major in one dense ILGPU device buffer of ∏shape elements.</summary>
public sealed class IlgpuTensor : Tensor
{
    private readonly IlgpuBackend _backend;
    private readonly long[] _shape;

    internal IlgpuTensor(IlgpuBackend backend, MemoryBuffer1D<float, Stride1D.Dense> buffer, long[] shape)
    {
        _backend = backend;
        Buffer = buffer;
        _shape = shape;
    }

    /// <summary>The device buffer (row-major, contiguous).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> Buffer { get; }

    /// <summary>The buffer as a kernel argument.</summary>
    internal ArrayView<float> View => Buffer.View;

    /// <inheritdoc />
    public override IBackend Backend => _backend;

    /// <inheritdoc />
    public override long[] Shape => (long[])_shape.Clone();

    /// <inheritdoc />
    public override DType DType => DType.Float32;

    /// <inheritdoc />
    public override Device Device => _backend.DefaultDevice;

    /// <inheritdoc />
    public override void Dispose() => Buffer.Dispose();
}
