using Seer.Toolkit.Backends.Ilgpu.Kernels;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Shape ops as strided copies into new dense tensors: reshape, flatten, permute, transpose, narrow, cat.</summary>
public sealed partial class IlgpuBackend
{
    /// <summary>Row-major strides of a dense tensor: s_d = ∏_{k>d} shape_k.</summary>
    internal static int[] DenseStrides(long[] shape)
    {
        var strides = new int[shape.Length];
        long stride = 1;
        for (int d = shape.Length - 1; d >= 0; d--) { strides[d] = checked((int)stride); stride *= shape[d]; }
        return strides;
    }

    /// <summary>y[yOff + Σ i_d·ys_d] = x[xOff + Σ i_d·xs_d] for every index i of <paramref name="extents"/>.</summary>
    private void StridedCopy(IlgpuTensor x, IlgpuTensor y, long[] extents, int[] xStrides, int[] yStrides, long xOffset, long yOffset)
    {
        long count = Broadcasting.Count(extents);
        if (count == 0) return;
        if (x.RawBuffer is not null || y.RawBuffer is not null)
        {
            RawStridedCopy(x, y, extents, xStrides, yStrides, xOffset, yOffset);
            return;
        }
        int rank = extents.Length;
        var layout = new int[3 * Math.Max(rank, 1)];
        if (rank == 0) layout = [1, 0, 0];
        for (int d = 0; d < rank; d++)
        {
            layout[d] = checked((int)extents[d]);
            layout[rank + d] = xStrides[d];
            layout[2 * rank + d] = yStrides[d];
        }
        using var meta = Upload(layout);
        _kernels.StridedCopy(_kernels.For(count), x.View, y.View, meta.View, Math.Max(rank, 1), checked((int)count),
            checked((int)xOffset), checked((int)yOffset));
        _accelerator.Synchronize();
    }

    /// <summary>A dense copy of x with another shape of the same element count.</summary>
    private IlgpuTensor CopyAs(IlgpuTensor x, long[] shape)
    {
        var y = AllocateAs(x.DType, shape);
        long n = x.NumElements;
        StridedCopy(x, y, [n], [1], [1], 0, 0);
        return y;
    }

    /// <summary>Same elements in row-major order, new shape (one −1 inferred); a new buffer.</summary>
    public Tensor Reshape(Tensor a, ReadOnlySpan<long> shape)
    {
        var x = T(a);
        return CopyAs(x, ShapeRules.Reshape(x.Shape, shape));
    }

    /// <inheritdoc />
    public Tensor Flatten(Tensor a, long startDim = 0, long endDim = -1)
    {
        var x = T(a);
        var shape = x.Shape;
        if (shape.Length == 0) return CopyAs(x, [1]);
        int s = ShapeRules.Dim(startDim, shape.Length, nameof(Flatten)), e = ShapeRules.Dim(endDim, shape.Length, nameof(Flatten));
        if (s > e) throw new ArgumentException($"Flatten: start dim {startDim} after end dim {endDim} for {x.ShapeText}");
        var result = new List<long>();
        for (int d = 0; d < s; d++) result.Add(shape[d]);
        long merged = 1;
        for (int d = s; d <= e; d++) merged *= shape[d];
        result.Add(merged);
        for (int d = e + 1; d < shape.Length; d++) result.Add(shape[d]);
        return CopyAs(x, [.. result]);
    }

    /// <summary>y[i_0, …] = x[i_{π⁻¹}] with y's dim d being x's dim π_d.</summary>
    public Tensor Permute(Tensor a, ReadOnlySpan<long> dims)
    {
        var x = T(a);
        var shape = x.Shape;
        if (dims.Length != shape.Length)
            throw new ArgumentException($"Permute: {dims.Length} dims given for a tensor of rank {shape.Length}");
        var seen = new bool[shape.Length];
        var perm = new int[shape.Length];
        for (int d = 0; d < perm.Length; d++)
        {
            perm[d] = ShapeRules.Dim(dims[d], shape.Length, nameof(Permute));
            if (seen[perm[d]]) throw new ArgumentException($"Permute: dim {dims[d]} repeated");
            seen[perm[d]] = true;
        }
        var xStrides = DenseStrides(shape);
        var outShape = new long[perm.Length];
        var srcStrides = new int[perm.Length];
        for (int d = 0; d < perm.Length; d++) { outShape[d] = shape[perm[d]]; srcStrides[d] = xStrides[perm[d]]; }
        var y = AllocateAs(x.DType, outShape);
        StridedCopy(x, y, outShape, srcStrides, DenseStrides(outShape), 0, 0);
        return y;
    }

    /// <inheritdoc />
    public Tensor Transpose(Tensor a, long dim0, long dim1)
    {
        int rank = a.Rank;
        int d0 = ShapeRules.Dim(dim0, rank, nameof(Transpose)), d1 = ShapeRules.Dim(dim1, rank, nameof(Transpose));
        var perm = new long[rank];
        for (int d = 0; d < rank; d++) perm[d] = d;
        (perm[d0], perm[d1]) = (perm[d1], perm[d0]);
        return Permute(a, perm);
    }

    /// <inheritdoc />
    public Tensor Narrow(Tensor a, long dim, long start, long length)
    {
        var x = T(a);
        var shape = x.Shape;
        int d = ShapeRules.CheckNarrow(shape, dim, start, length);
        var strides = DenseStrides(shape);
        var outShape = (long[])shape.Clone();
        outShape[d] = length;
        var y = AllocateAs(x.DType, outShape);
        StridedCopy(x, y, outShape, strides, DenseStrides(outShape), start * strides[d], 0);
        return y;
    }

    /// <inheritdoc />
    public Tensor Cat(IReadOnlyList<Tensor> tensors, long dim)
    {
        var xs = tensors.Select(T).ToArray();
        var outShape = ShapeRules.Cat([.. xs.Select(x => x.Shape)], dim);
        int d = ShapeRules.Dim(dim, outShape.Length, nameof(Cat));
        if (xs.Any(x => x.DType != xs[0].DType))
            throw new NotSupportedException($"ILGPU backend: Cat of mixed dtypes ({string.Join(", ", xs.Select(x => x.DType).Distinct())})");
        var y = AllocateAs(xs[0].DType, outShape);
        var yStrides = DenseStrides(outShape);
        long offset = 0;
        foreach (var x in xs)
        {
            var shape = x.Shape;
            StridedCopy(x, y, shape, DenseStrides(shape), yStrides, 0, offset * yStrides[d]);
            offset += shape[d];
        }
        return y;
    }
}
