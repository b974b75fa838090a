using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends;

/// <summary>Creation of new tensors: constants, host copies and seeded random fills.</summary>
public interface ITensorCreationOps
{
    /// <summary>A tensor of zeros.</summary>
    Tensor Zeros(ReadOnlySpan<long> shape, DType dtype = DType.Float32);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    Tensor Full(ReadOnlySpan<long> shape, double value, DType dtype = DType.Float32);

    /// <summary>A float32 tensor copied from host memory (row-major).</summary>
    Tensor FromArray(ReadOnlySpan<float> data, ReadOnlySpan<long> shape);

    /// <summary>A float64 tensor copied from host memory (row-major).</summary>
    Tensor FromArray(ReadOnlySpan<double> data, ReadOnlySpan<long> shape);

    /// <summary>An int64 tensor copied from host memory (row-major).</summary>
    Tensor FromArray(ReadOnlySpan<long> data, ReadOnlySpan<long> shape);

    /// <summary>A tensor whose little-endian raw bytes are <paramref name="data"/>.</summary>
    Tensor FromBytes(ReadOnlySpan<byte> data, DType dtype, ReadOnlySpan<long> shape);

    /// <summary>N(mean, std²) samples from a generator seeded with <paramref name="seed"/>.</summary>
    Tensor RandomNormal(ReadOnlySpan<long> shape, double mean, double std, long seed, DType dtype = DType.Float32);

    /// <summary>U[low, high) samples from a generator seeded with <paramref name="seed"/>.</summary>
    Tensor RandomUniform(ReadOnlySpan<long> shape, double low, double high, long seed, DType dtype = DType.Float32);
}
