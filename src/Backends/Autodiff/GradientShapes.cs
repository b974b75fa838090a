using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Autodiff;

/// <summary>Broadcasting in reverse: a gradient of the broadcast shape summed back to an operand's shape, and the converse expansion.</summary>
internal static class GradientShapes
{
    /// <summary>Σ of g over the dims broadcasting added or stretched, reshaped to <paramref name="shape"/>.</summary>
    public static Tensor SumTo(IBackend b, Tensor g, long[] shape)
    {
        var gs = g.Shape;
        if (gs.AsSpan().SequenceEqual(shape)) return g;
        int lead = gs.Length - shape.Length;
        var dims = new List<long>();
        for (int d = 0; d < gs.Length; d++)
            if (d < lead || (shape[d - lead] == 1 && gs[d] != 1)) dims.Add(d);
        var summed = dims.Count == 0 ? g : b.Sum(g, [.. dims], keepDim: true);
        return b.Reshape(summed, shape);
    }

    /// <summary>g broadcast to <paramref name="shape"/> (g's shape must broadcast to it).</summary>
    public static Tensor Expand(IBackend b, Tensor g, long[] shape) =>
        g.Shape.AsSpan().SequenceEqual(shape) ? g : b.Add(b.Zeros(shape, g.DType), g);

    /// <summary>shape with each reduced dim set to 1 (every dim when <paramref name="dims"/> is empty).</summary>
    public static long[] KeptShape(long[] shape, ReadOnlySpan<long> dims)
    {
        var kept = (long[])shape.Clone();
        if (dims.IsEmpty) Array.Fill(kept, 1L);
        foreach (var d in dims) kept[d < 0 ? d + shape.Length : d] = 1;
        return kept;
    }
}
