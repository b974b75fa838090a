namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>NumPy broadcasting: shapes aligned on the right, out_d = max(a_d, b_d) where each a_d, b_d is out_d or 1.</summary>
internal static class Broadcasting
{
    /// <summary>The broadcast shape of a and b; throws naming both shapes when some aligned dims differ and neither is 1.</summary>
    public static long[] Shape(long[] a, long[] b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            long db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException(
                    $"{op}: shapes [{string.Join(", ", a)}] and [{string.Join(", ", b)}] cannot be broadcast (dim {i}: {da} vs {db})");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

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
