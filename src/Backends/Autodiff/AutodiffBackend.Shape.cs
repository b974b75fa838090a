using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Autodiff;

/// <summary>Shape ops: their gradients are the inverse rearrangement (reshape back, inverse permutation, narrow ↔ cat).</summary>
public sealed partial class AutodiffBackend
{
    /// <summary>∂ reshape = g reshaped back.</summary>
    public Tensor Reshape(Tensor a, ReadOnlySpan<long> shape)
    {
        var x = U(a);
        var from = x.Shape;
        return Record(nameof(Reshape), _inner.Reshape(x, shape), [a], (g, _) => [_inner.Reshape(g, from)]);
    }

    /// <summary>∂ flatten = g reshaped back.</summary>
    public Tensor Flatten(Tensor a, long startDim = 0, long endDim = -1)
    {
        var x = U(a);
        var from = x.Shape;
        return Record(nameof(Flatten), _inner.Flatten(x, startDim, endDim), [a], (g, _) => [_inner.Reshape(g, from)]);
    }

    /// <summary>∂ permute(π) = permute(π⁻¹).</summary>
    public Tensor Permute(Tensor a, ReadOnlySpan<long> dims)
    {
        var x = U(a);
        var y = _inner.Permute(x, dims);
        int rank = dims.Length;
        var inverse = new long[rank];
        for (int d = 0; d < rank; d++) inverse[dims[d] < 0 ? dims[d] + rank : dims[d]] = d;
        return Record(nameof(Permute), y, [a], (g, _) => [_inner.Permute(g, inverse)]);
    }

    /// <summary>∂ transpose = the same transpose.</summary>
    public Tensor Transpose(Tensor a, long dim0, long dim1) =>
        Record(nameof(Transpose), _inner.Transpose(U(a), dim0, dim1), [a], (g, _) => [_inner.Transpose(g, dim0, dim1)]);

    /// <summary>∂ narrow = g padded with zeros back to the full extent along <paramref name="dim"/>.</summary>
    public Tensor Narrow(Tensor a, long dim, long start, long length)
    {
        var x = U(a);
        var shape = x.Shape;
        var y = _inner.Narrow(x, dim, start, length);
        int d = (int)(dim < 0 ? dim + shape.Length : dim);
        return Record(nameof(Narrow), y, [a], (g, _) =>
        {
            var parts = new List<Tensor>(3);
            if (start > 0) parts.Add(_inner.Zeros(Extent(shape, d, start), g.DType));
            parts.Add(g);
            long after = shape[d] - start - length;
            if (after > 0) parts.Add(_inner.Zeros(Extent(shape, d, after), g.DType));
            return [parts.Count == 1 ? g : _inner.Cat(parts, d)];
        });
    }

    /// <summary>∂ cat = the slice of g each input occupied.</summary>
    public Tensor Cat(IReadOnlyList<Tensor> tensors, long dim)
    {
        var xs = tensors.Select(U).ToList();
        var y = _inner.Cat(xs, dim);
        int d = (int)(dim < 0 ? dim + y.Rank : dim);
        var sizes = xs.Select(x => x.Shape[d]).ToArray();
        return Record(nameof(Cat), y, [.. tensors], (g, n) =>
        {
            var result = new Tensor?[sizes.Length];
            long offset = 0;
            for (int i = 0; i < sizes.Length; i++)
            {
                if (n[i]) result[i] = _inner.Narrow(g, d, offset, sizes[i]);
                offset += sizes[i];
            }
            return result;
        });
    }

    private static long[] Extent(long[] shape, int dim, long size)
    {
        var s = (long[])shape.Clone();
        s[dim] = size;
        return s;
    }
}
