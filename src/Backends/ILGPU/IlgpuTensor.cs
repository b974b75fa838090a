using ILGPU;
using ILGPU.Runtime;
using Seer.Toolkit.Tensors;
using Device = Seer.Toolkit.Tensors.Device;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>
/// A <see cref="Tensor"/> stored row-major in one dense ILGPU device buffer of ∏shape elements: float32 in a typed buffer
/// every kernel reads, any other dtype as raw little-endian bytes (counters, statistics in float64, labels) that only
/// creation, host copies, casts, reshapes, cat/narrow and scalar updates handle.
/// </summary>
public sealed class IlgpuTensor : Tensor
{
    private readonly IlgpuBackend _backend;
    private readonly long[] _shape;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _buffer;

    internal IlgpuTensor(IlgpuBackend backend, MemoryBuffer1D<float, Stride1D.Dense> buffer, long[] shape)
    {
        _backend = backend;
        _buffer = buffer;
        _shape = shape;
        DType = DType.Float32;
    }

    internal IlgpuTensor(IlgpuBackend backend, MemoryBuffer1D<byte, Stride1D.Dense> bytes, long[] shape, DType dtype)
    {
        _backend = backend;
        RawBuffer = bytes;
        _shape = shape;
        DType = dtype;
    }

    /// <summary>The float32 device buffer (row-major, contiguous).</summary>
    public MemoryBuffer1D<float, Stride1D.Dense> Buffer => _buffer ?? throw NotFloat32();

    /// <summary>The raw bytes of a tensor of another dtype (null for float32).</summary>
    internal MemoryBuffer1D<byte, Stride1D.Dense>? RawBuffer { get; }

    /// <summary>The buffer as a kernel argument (float32 only).</summary>
    internal ArrayView<float> View => Buffer.View;

    /// <inheritdoc />
    public override IBackend Backend => _backend;

    /// <inheritdoc />
    public override long[] Shape => (long[])_shape.Clone();

    /// <inheritdoc />
    public override DType DType { get; }

    /// <inheritdoc />
    public override Device Device => _backend.DefaultDevice;

    /// <summary>True once the buffer has been released.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Releases the buffer (idempotent: scopes and callers may both dispose).</summary>
    public override void Dispose()
    {
        if (IsDisposed) return;
        IsDisposed = true;
        _buffer?.Dispose();
        RawBuffer?.Dispose();
    }

    private NotSupportedException NotFloat32() =>
        new($"ILGPU backend: kernels take float32 tensors; this {DType} tensor {ShapeText} supports creation, host copies, casts, " +
            "reshapes, cat/narrow and scalar updates only");
}
