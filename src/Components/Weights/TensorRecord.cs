using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Weights;

/// <summary>One tensor's header entry: name, element type, shape and size of its raw bytes.</summary>
public sealed record TensorRecord(string Name, DType DType, long[] Shape, long ByteLength)
{
    /// <summary>Number of elements (1 for a 0-d scalar, 0 when any dim is 0).</summary>
    public long ElementCount => ElementCountOf(Shape);

    /// <summary>Builds a record whose byte length is product(shape) * dtype size; negative dims are rejected.</summary>
    public static TensorRecord For(string name, DType dtype, long[] shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        return new TensorRecord(name, dtype, (long[])shape.Clone(), checked(ElementCountOf(shape) * dtype.SizeOf()));
    }

    /// <summary>Product of the dims, with overflow and negative dims reported as exceptions.</summary>
    internal static long ElementCountOf(long[] shape)
    {
        long n = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"negative dimension {d} in shape {ShapeText.Format(shape)}", nameof(shape));
            n = checked(n * d);
        }
        return n;
    }
}
