using ILGPU;
using ILGPU.Runtime;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>
/// Tensors of dtypes other than float32 (int64 counters, float64 norms): raw little-endian device bytes, read and written
/// through host copies (<see cref="HostElements"/>). They are small (scalars and index vectors), so no kernel is involved.
/// </summary>
public sealed partial class IlgpuBackend
{
    /// <summary>A tensor of a non-float32 dtype holding <paramref name="data"/> (∏shape · size bytes).</summary>
    internal IlgpuTensor AllocateRaw(long[] shape, DType dtype, ReadOnlySpan<byte> data)
    {
        foreach (var d in shape)
            if (d < 0) throw new ArgumentException($"negative dimension in shape {ShapeRules.Text(shape)}");
        long expected = Broadcasting.Count(shape) * dtype.SizeOf();
        if (data.Length != expected)
            throw new ArgumentException($"{data.Length} bytes given for a {dtype} tensor of shape {ShapeRules.Text(shape)} ({expected} bytes expected)");
        var buffer = _accelerator.Allocate1D<byte>(expected);
        if (expected > 0) ((ArrayView<byte>)buffer.View).CopyFromCPU(data);
        var t = new IlgpuTensor(this, buffer, shape, dtype);
        Track(t);
        return t;
    }

    /// <summary>A new tensor of <paramref name="dtype"/> (float32: uninitialised device buffer; others: zeros).</summary>
    private IlgpuTensor AllocateAs(DType dtype, long[] shape) =>
        dtype == DType.Float32 ? Allocate(shape) : AllocateRaw(shape, dtype, new byte[Broadcasting.Count(shape) * dtype.SizeOf()]);

    /// <summary>The raw bytes of a non-float32 tensor, after pending kernels.</summary>
    private byte[] RawBytes(IlgpuTensor t)
    {
        _accelerator.Synchronize();
        return t.RawBuffer!.GetAsArray1D();
    }

    /// <summary>Every element as float64, row-major.</summary>
    private double[] Values(IlgpuTensor t)
    {
        if (t.RawBuffer is not null) return HostElements.Decode(RawBytes(t), t.DType);
        _accelerator.Synchronize();
        return Array.ConvertAll(t.Buffer.GetAsArray1D(), v => (double)v);
    }

    /// <summary>Overwrites every element from float64 values (converted to the tensor's dtype).</summary>
    private void SetValues(IlgpuTensor t, double[] values)
    {
        _accelerator.Synchronize();
        if (t.RawBuffer is not null)
        {
            if (values.Length > 0) t.RawBuffer.View.CopyFromCPU(HostElements.Encode(values, t.DType));
            return;
        }
        if (values.Length > 0) t.View.CopyFromCPU(Array.ConvertAll(values, v => (float)v));
    }

    /// <summary>Host form of a strided copy for raw tensors: the destination's bytes are read, patched and written back.</summary>
    private void RawStridedCopy(IlgpuTensor x, IlgpuTensor y, long[] extents, int[] xStrides, int[] yStrides, long xOffset, long yOffset)
    {
        if (x.DType != y.DType) throw new ArgumentException($"ILGPU backend: copy from {x.DType} into {y.DType}");
        var dst = RawBytes(y);
        HostElements.StridedCopy(RawBytes(x), dst, x.DType.SizeOf(), extents, xStrides, yStrides, xOffset, yOffset);
        if (dst.Length > 0) y.RawBuffer!.View.CopyFromCPU(dst);
    }
}
