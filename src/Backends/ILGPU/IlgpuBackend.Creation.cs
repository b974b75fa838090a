using System.Runtime.InteropServices;
using ILGPU.Runtime;
using Seer.Toolkit.Backends.Ilgpu.Kernels;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Creation ops: zeros, constants, host copies (any dtype) and seeded random fills (float32, libtorch's CPU generator).</summary>
public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public Tensor Zeros(ReadOnlySpan<long> shape, DType dtype = DType.Float32)
    {
        if (dtype != DType.Float32) return AllocateAs(dtype, shape.ToArray());
        var t = Allocate(shape.ToArray());
        t.Buffer.MemSetToZero();
        return t;
    }

    /// <inheritdoc />
    public Tensor Full(ReadOnlySpan<long> shape, double value, DType dtype = DType.Float32)
    {
        if (dtype != DType.Float32)
        {
            var values = new double[Broadcasting.Count(shape)];
            Array.Fill(values, value);
            return AllocateRaw(shape.ToArray(), dtype, HostElements.Encode(values, dtype));
        }
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
        AllocateRaw(shape.ToArray(), DType.Float64, MemoryMarshal.AsBytes(data));

    /// <inheritdoc />
    public Tensor FromArray(ReadOnlySpan<long> data, ReadOnlySpan<long> shape) =>
        AllocateRaw(shape.ToArray(), DType.Int64, MemoryMarshal.AsBytes(data));

    /// <inheritdoc />
    public Tensor FromBytes(ReadOnlySpan<byte> data, DType dtype, ReadOnlySpan<long> shape)
    {
        if (dtype != DType.Float32) return AllocateRaw(shape.ToArray(), dtype, data);
        if (data.Length % sizeof(float) != 0)
            throw new ArgumentException($"FromBytes: {data.Length} bytes are not a whole number of float32 values");
        return FromArray(MemoryMarshal.Cast<byte, float>(data), shape);
    }

    /// <summary>
    /// N(mean, std²) as TorchSharp's <c>randn(generator: new Generator(seed)) · std + mean</c>: uniforms from libtorch's MT19937
    /// on the host, then Box–Muller in blocks of 16 on the accelerator (fewer than 16 values: libtorch's double-precision pairs).
    /// </summary>
    public Tensor RandomNormal(ReadOnlySpan<long> shape, double mean, double std, long seed, DType dtype = DType.Float32)
    {
        RequireFloat32(dtype, nameof(RandomNormal));
        var t = Allocate(shape.ToArray());
        int n = checked((int)t.NumElements);
        if (n == 0) return t;
        var generator = new TorchCpuGenerator(seed);
        if (n < 16)
        {
            var z = new float[n];
            for (int i = 0; i < n; i++) z[i] = (float)generator.NextNormal();
            t.View.CopyFromCPU(z);
            _kernels.Unary<AffineFunction>()(_kernels.For(n), t.View, t.View, new AffineFunction((float)std, (float)mean));
            return t;
        }
        using var uniforms = _accelerator.Allocate1D(generator.NormalFillUniforms(n));
        _kernels.NormalBlocks(_kernels.For((n / 16 + 1) * 8), uniforms.View, t.View, n, (float)mean, (float)std);
        _accelerator.Synchronize();
        return t;
    }

    /// <summary>U[low, high) as TorchSharp's <c>rand(generator: new Generator(seed)) · (high − low) + low</c> (libtorch's MT19937 on the host).</summary>
    public Tensor RandomUniform(ReadOnlySpan<long> shape, double low, double high, long seed, DType dtype = DType.Float32)
    {
        RequireFloat32(dtype, nameof(RandomUniform));
        var t = Allocate(shape.ToArray());
        int n = checked((int)t.NumElements);
        if (n == 0) return t;
        var generator = new TorchCpuGenerator(seed);
        var u = new float[n];
        for (int i = 0; i < n; i++) u[i] = generator.NextFloat();
        t.View.CopyFromCPU(u);
        _kernels.Unary<AffineFunction>()(_kernels.For(n), t.View, t.View, new AffineFunction((float)(high - low), (float)low));
        return t;
    }
}
