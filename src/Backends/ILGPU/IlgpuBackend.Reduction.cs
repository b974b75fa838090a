using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Reductions: Σ and mean over chosen dims (float32 accumulation); max, argmax and softmax are not implemented yet.</summary>
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

    /// <inheritdoc />
    public Tensor Max(Tensor a, long dim, bool keepDim = false) => throw new NotSupportedException("ILGPU backend: Max");

    /// <inheritdoc />
    public Tensor ArgMax(Tensor a, long dim) => throw new NotSupportedException("ILGPU backend: ArgMax");

    /// <inheritdoc />
    public Tensor Softmax(Tensor a, long dim) => throw new NotSupportedException("ILGPU backend: Softmax");

    /// <inheritdoc />
    public Tensor LogSoftmax(Tensor a, long dim) => throw new NotSupportedException("ILGPU backend: LogSoftmax");
}
