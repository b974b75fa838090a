using ILGPU.Runtime;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Reductions: Σ and mean over chosen dims (compensated float32 accumulation), max, argmax, softmax, log-softmax and L2 normalisation along a dim.</summary>
public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public Tensor Sum(Tensor a, ReadOnlySpan<long> dims = default, bool keepDim = false) =>
        Reduce(a, dims, keepDim, mean: false, nameof(Sum));

    /// <inheritdoc />
    public Tensor Mean(Tensor a, ReadOnlySpan<long> dims = default, bool keepDim = false) =>
        Reduce(a, dims, keepDim, mean: true, nameof(Mean));

    private IlgpuTensor Reduce(Tensor a, ReadOnlySpan<long> dims, bool keepDim, bool mean, string op)
    {
        var x = T(a);
        var shape = x.Shape;
        int rank = shape.Length;
        var reduced = new bool[rank];
        if (dims.IsEmpty) Array.Fill(reduced, true);
        foreach (var dim in dims)
        {
            long d = dim < 0 ? dim + rank : dim;
            if (d < 0 || d >= rank)
                throw new ArgumentOutOfRangeException(nameof(dims), $"{op}: dim {dim} out of range for shape {x.ShapeText}");
            if (reduced[d]) throw new ArgumentException($"{op}: dim {dim} repeated");
            reduced[d] = true;
        }

        var strides = new int[rank];
        long stride = 1;
        for (int d = rank - 1; d >= 0; d--) { strides[d] = checked((int)stride); stride *= shape[d]; }

        var kept = new List<int>();
        var reducedDims = new List<int>();
        var outShape = new List<long>();
        for (int d = 0; d < rank; d++)
        {
            if (reduced[d]) { reducedDims.Add(d); if (keepDim) outShape.Add(1); }
            else { kept.Add(d); outShape.Add(shape[d]); }
        }

        var layout = new List<int>();
        foreach (var d in kept) layout.Add(checked((int)shape[d]));
        foreach (var d in kept) layout.Add(strides[d]);
        foreach (var d in reducedDims) layout.Add(checked((int)shape[d]));
        foreach (var d in reducedDims) layout.Add(strides[d]);
        int count = 1;
        foreach (var d in reducedDims) count = checked(count * (int)shape[d]);

        var y = Allocate([.. outShape]);
        if (y.NumElements == 0) return y;
        float scale = mean ? (count == 0 ? float.NaN : 1f / count) : 1f;
        using var meta = Upload([.. layout]);
        _kernels.Sum(_kernels.For(y.NumElements), x.View, y.View, meta.View, kept.Count, reducedDims.Count, count, scale);
        _accelerator.Synchronize();
        return y;
    }

    /// <summary>x seen as [outer, D, inner] around <paramref name="dim"/>: rows = outer·inner, size = D.</summary>
    private static (int Rows, int Size, int Inner) RowLayout(long[] shape, long dim, string op)
    {
        int d = ShapeRules.Dim(dim, shape.Length, op);
        if (shape.Length == 0) return (1, 1, 1);
        long outer = 1, inner = 1;
        for (int k = 0; k < d; k++) outer *= shape[k];
        for (int k = d + 1; k < shape.Length; k++) inner *= shape[k];
        return (checked((int)(outer * inner)), checked((int)shape[d]), checked((int)Math.Max(inner, 1)));
    }

    /// <summary>Maximum along one dim (values only; NaN propagates).</summary>
    public Tensor Max(Tensor a, long dim, bool keepDim = false)
    {
        var x = T(a);
        var shape = x.Shape;
        var (rows, size, inner) = RowLayout(shape, dim, nameof(Max));
        if (size == 0) throw new ArgumentException($"Max: dim {dim} of {x.ShapeText} is empty");
        var outShape = new List<long>(shape);
        if (shape.Length > 0)
        {
            int d = ShapeRules.Dim(dim, shape.Length, nameof(Max));
            if (keepDim) outShape[d] = 1; else outShape.RemoveAt(d);
        }
        var y = Allocate([.. outShape]);
        if (y.NumElements == 0) return y;
        _kernels.RowMax(_kernels.For(rows), x.View, y.View, rows, size, inner);
        return y;
    }

    /// <summary>Index of the maximum along one dim as int64 (first of equal maxima; NaN counts as the maximum).</summary>
    public Tensor ArgMax(Tensor a, long dim)
    {
        var x = T(a);
        var shape = x.Shape;
        var (rows, size, inner) = RowLayout(shape, dim, nameof(ArgMax));
        if (size == 0) throw new ArgumentException($"ArgMax: dim {dim} of {x.ShapeText} is empty");
        var outShape = new List<long>(shape);
        if (shape.Length > 0) outShape.RemoveAt(ShapeRules.Dim(dim, shape.Length, nameof(ArgMax)));
        var indices = new long[rows];
        if (rows > 0)
        {
            using var found = _accelerator.Allocate1D<int>(rows);
            _kernels.RowArgMax(_kernels.For(rows), x.View, found.View, rows, size, inner);
            _accelerator.Synchronize();
            var host = found.GetAsArray1D();
            for (int i = 0; i < rows; i++) indices[i] = host[i];
        }
        return AllocateRaw([.. outShape], DType.Int64, System.Runtime.InteropServices.MemoryMarshal.AsBytes(indices.AsSpan()));
    }

    /// <inheritdoc />
    public Tensor Softmax(Tensor a, long dim) => SoftmaxAlong(a, dim, log: false, nameof(Softmax));

    /// <inheritdoc />
    public Tensor LogSoftmax(Tensor a, long dim) => SoftmaxAlong(a, dim, log: true, nameof(LogSoftmax));

    private IlgpuTensor SoftmaxAlong(Tensor a, long dim, bool log, string op)
    {
        var x = T(a);
        var (rows, size, inner) = RowLayout(x.Shape, dim, op);
        var y = Allocate(x.Shape);
        if (y.NumElements == 0) return y;
        _kernels.Softmax(_kernels.For(rows), x.View, y.View, rows, size, inner, log ? 1 : 0);
        return y;
    }

    /// <inheritdoc />
    public Tensor L2Normalize(Tensor a, long dim, double eps = 1e-12)
    {
        var x = T(a);
        var (rows, size, inner) = RowLayout(x.Shape, dim, nameof(L2Normalize));
        var y = Allocate(x.Shape);
        if (y.NumElements == 0) return y;
        _kernels.L2Normalize(_kernels.For(rows), x.View, y.View, rows, size, inner, (float)eps);
        return y;
    }
}
