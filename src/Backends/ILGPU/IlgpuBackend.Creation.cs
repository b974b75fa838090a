using System.Runtime.InteropServices;
using ILGPU.Runtime;
using Seer.Toolkit.Backends.Ilgpu.Kernels;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Creation ops: zeros, constants and host copies (float32).</summary>
public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public Tensor Zeros(ReadOnlySpan<long> shape, DType dtype = DType.Float32)
    {
        RequireFloat32(dtype, nameof(Zeros));
        var t = Allocate(shape.ToArray());
        t.Buffer.MemSetToZero();
        return t;
    }

    /// <inheritdoc />
    public Tensor Full(ReadOnlySpan<long> shape, double value, DType dtype = DType.Float32)
    {
        RequireFloat32(dtype, nameof(Full));
        var t = Allocate(shape.ToArray());
        _kernels.Unary<ConstantFunction>()(_kernels.For(t.NumElements), t.View, t.View, new ConstantFunction((float)value));
        return t;
    }

    /// <inheritdoc />
    public Tensor FromArray(ReadOnlySpan<float> data, ReadOnlySpan<long> shape)
    {
        var dims = shape.ToArray();
        if (Broadcasting.Count(dims) != data.Length)
            throw new ArgumentException($"FromArray: {data.Length} values do not fill shape [{string.Join(", ", dims)}]");
        var t = Allocate(dims);
        t.View.CopyFromCPU(data);
        return t;
    }

    /// <inheritdoc />
    public Tensor FromArray(ReadOnlySpan<double> data, ReadOnlySpan<long> shape) =>
        throw new NotSupportedException("ILGPU backend: FromArray of float64 (only float32 so far)");

    /// <inheritdoc />
    public Tensor FromArray(ReadOnlySpan<long> data, ReadOnlySpan<long> shape) =>
        throw new NotSupportedException("ILGPU backend: FromArray of int64 (only float32 so far)");

    /// <inheritdoc />
    public Tensor FromBytes(ReadOnlySpan<byte> data, DType dtype, ReadOnlySpan<long> shape)
    {
        RequireFloat32(dtype, nameof(FromBytes));
        return FromArray(MemoryMarshal.Cast<byte, float>(data), shape);
    }

    /// <inheritdoc />
    public Tensor RandomNormal(ReadOnlySpan<long> shape, double mean, double std, long seed, DType dtype = DType.Float32) =>
        throw new NotSupportedException("ILGPU backend: RandomNormal");

    /// <inheritdoc />
    public Tensor RandomUniform(ReadOnlySpan<long> shape, double low, double high, long seed, DType dtype = DType.Float32) =>
        throw new NotSupportedException("ILGPU backend: RandomUniform");
}
