using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>NumPy broadcasting: shapes aligned on the right, out_d = max(a_d, b_d) where each a_d, b_d is out_d or 1.</summary>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of a and b (<see cref="ShapeRules.Broadcast"/>).</summary>
    public static long[] Shape(long[] a, long[] b, string op) => ShapeRules.Broadcast(a, b, op);

    /// <summary>Row-major strides of <paramref name="shape"/> seen through <paramref name="target"/>: 0 on broadcast or missing dims.</summary>
    public static int[] Strides(long[] shape, long[] target)
    {
        int rank = target.Length, offset = rank - shape.Length;
        var strides = new int[rank];
        long stride = 1;
        for (int i = rank - 1; i >= 0; i--)
        {
            if (i < offset) { strides[i] = 0; continue; }
            long extent = shape[i - offset];
            strides[i] = extent == 1 ? 0 : checked((int)stride);
            stride *= extent;
        }
        return strides;
    }

    /// <summary>∏ shape.</summary>
    public static long Count(ReadOnlySpan<long> shape)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        return n;
    }
}
