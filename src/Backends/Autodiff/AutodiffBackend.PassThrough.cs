using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Autodiff;

/// <summary>Ops that create no graph edge: creation, host copies, in-place updates, memory scopes and the precision policy.</summary>
public sealed partial class AutodiffBackend
{
    /// <inheritdoc />
    public Tensor Zeros(ReadOnlySpan<long> shape, DType dtype = DType.Float32) => Wrap(_inner.Zeros(shape, dtype));
    /// <inheritdoc />
    public Tensor Full(ReadOnlySpan<long> shape, double value, DType dtype = DType.Float32) => Wrap(_inner.Full(shape, value, dtype));
    /// <inheritdoc />
    public Tensor FromArray(ReadOnlySpan<float> data, ReadOnlySpan<long> shape) => Wrap(_inner.FromArray(data, shape));
    /// <inheritdoc />
    public Tensor FromArray(ReadOnlySpan<double> data, ReadOnlySpan<long> shape) => Wrap(_inner.FromArray(data, shape));
    /// <inheritdoc />
    public Tensor FromArray(ReadOnlySpan<long> data, ReadOnlySpan<long> shape) => Wrap(_inner.FromArray(data, shape));
    /// <inheritdoc />
    public Tensor FromBytes(ReadOnlySpan<byte> data, DType dtype, ReadOnlySpan<long> shape) => Wrap(_inner.FromBytes(data, dtype, shape));
    /// <inheritdoc />
    public Tensor RandomNormal(ReadOnlySpan<long> shape, double mean, double std, long seed, DType dtype = DType.Float32) =>
        Wrap(_inner.RandomNormal(shape, mean, std, seed, dtype));
    /// <inheritdoc />
    public Tensor RandomUniform(ReadOnlySpan<long> shape, double low, double high, long seed, DType dtype = DType.Float32) =>
        Wrap(_inner.RandomUniform(shape, low, high, seed, dtype));

    /// <inheritdoc />
    public void AddInPlace(Tensor target, Tensor other, double alpha = 1.0) => _inner.AddInPlace(U(target), U(other), alpha);
    /// <inheritdoc />
    public void AddScalarInPlace(Tensor target, double s) => _inner.AddScalarInPlace(U(target), s);
    /// <inheritdoc />
    public void MulScalarInPlace(Tensor target, double s) => _inner.MulScalarInPlace(U(target), s);
    /// <inheritdoc />
    public void CopyInPlace(Tensor target, Tensor source) => _inner.CopyInPlace(U(target), U(source));

    /// <inheritdoc />
    public Device DefaultDevice => _inner.DefaultDevice;
    /// <inheritdoc />
    public float[] ToFloatArray(Tensor a) => _inner.ToFloatArray(U(a));
    /// <inheritdoc />
    public double[] ToDoubleArray(Tensor a) => _inner.ToDoubleArray(U(a));
    /// <inheritdoc />
    public byte[] ToBytes(Tensor a) => _inner.ToBytes(U(a));
    /// <inheritdoc />
    public double Item(Tensor a) => _inner.Item(U(a));

    /// <summary>Copies to another device; the gradient is copied back to the source device.</summary>
    public Tensor To(Tensor a, Device device)
    {
        var x = U(a);
        var y = _inner.To(x, device);
        if (ReferenceEquals(x, y)) return a;
        var from = x.Device;
        return Record(nameof(To), y, [a], (g, _) => [_inner.To(g, from)]);
    }

    /// <summary>Converts the element type; the gradient is converted back to the source dtype.</summary>
    public Tensor Cast(Tensor a, DType dtype)
    {
        var x = U(a);
        var y = _inner.Cast(x, dtype);
        if (ReferenceEquals(x, y)) return a;
        var from = x.DType;
        return Record(nameof(Cast), y, [a], (g, _) => [_inner.Cast(g, from)]);
    }

    /// <inheritdoc />
    public IDisposable NewScope() => _inner.NewScope();
    /// <inheritdoc />
    public Tensor Keep(Tensor a)
    {
        _inner.Keep(U(a));
        return a;
    }
    /// <inheritdoc />
    public Tensor Persist(Tensor a)
    {
        _inner.Persist(U(a));
        return a;
    }

    /// <inheritdoc />
    public DType? ComputeDType => _inner.ComputeDType;
    /// <inheritdoc />
    public IDisposable Autocast(DType dtype) => _inner.Autocast(dtype);
}
