using Seer.Toolkit.Tensors;
using static Seer.Toolkit.Backends.Autodiff.GradientShapes;

namespace Seer.Toolkit.Backends.Autodiff;

/// <summary>Reductions and normalised exponentials with their vector-Jacobian products.</summary>
public sealed partial class AutodiffBackend
{
    /// <summary>∂Σ = g broadcast back over the reduced dims.</summary>
    public Tensor Sum(Tensor a, ReadOnlySpan<long> dims = default, bool keepDim = false)
    {
        var x = U(a);
        var shape = x.Shape;
        var kept = KeptShape(shape, dims);
        return Record(nameof(Sum), _inner.Sum(x, dims, keepDim), [a], (g, _) =>
            [Expand(_inner, _inner.Reshape(g, kept), shape)]);
    }

    /// <summary>∂mean = g / count broadcast back over the reduced dims.</summary>
    public Tensor Mean(Tensor a, ReadOnlySpan<long> dims = default, bool keepDim = false)
    {
        var x = U(a);
        var shape = x.Shape;
        var kept = KeptShape(shape, dims);
        var y = _inner.Mean(x, dims, keepDim);
        double count = Math.Max(1, x.NumElements) / (double)Math.Max(1, y.NumElements);
        return Record(nameof(Mean), y, [a], (g, _) =>
            [Expand(_inner, _inner.MulScalar(_inner.Reshape(g, kept), 1 / count), shape)]);
    }

    /// <summary>∂max along dim = g routed to the first maximal element of each reduced row (torch.max(x, dim)); the one-hot mask is built on the host from ArgMax.</summary>
    public Tensor Max(Tensor a, long dim, bool keepDim = false)
    {
        var x = U(a);
        var shape = x.Shape;
        int d = (int)(dim < 0 ? dim + shape.Length : dim);
        return Record(nameof(Max), _inner.Max(x, dim, keepDim), [a], (g, _) =>
        {
            var winners = _inner.ToDoubleArray(_inner.ArgMax(x, d));           // [outer·inner] flattened, x without dim d
            long extent = shape[d], inner = 1;
            for (int i = d + 1; i < shape.Length; i++) inner *= shape[i];
            var mask = new float[x.NumElements];
            for (long r = 0; r < winners.Length; r++)
                mask[(r / inner * extent + (long)winners[r]) * inner + r % inner] = 1f;
            var kept = KeptShape(shape, [d]);
            return [_inner.Mul(_inner.FromArray(mask, shape), Expand(_inner, _inner.Reshape(g, kept), shape))];
        });
    }

    /// <summary>Indices: not differentiable.</summary>
    public Tensor ArgMax(Tensor a, long dim) => Wrap(_inner.ArgMax(U(a), dim));

    /// <summary>∂softmax: y ⊙ (g − Σ_dim g ⊙ y).</summary>
    public Tensor Softmax(Tensor a, long dim)
    {
        var y = _inner.Softmax(U(a), dim);
        return Record(nameof(Softmax), y, [a], (g, _) =>
            [_inner.Mul(y, _inner.Sub(g, _inner.Sum(_inner.Mul(g, y), [dim], keepDim: true)))]);
    }

    /// <summary>∂log-softmax: g − e^y ⊙ Σ_dim g.</summary>
    public Tensor LogSoftmax(Tensor a, long dim)
    {
        var y = _inner.LogSoftmax(U(a), dim);
        return Record(nameof(LogSoftmax), y, [a], (g, _) =>
            [_inner.Sub(g, _inner.Mul(_inner.Exp(y), _inner.Sum(g, [dim], keepDim: true)))]);
    }
}
