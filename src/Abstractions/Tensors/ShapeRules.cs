namespace Seer.Toolkit.Tensors;

/// <summary>
/// Shape rules every backend applies before computing, so incompatible shapes raise an <see cref="ArgumentException"/>
/// naming the op and both shapes (never a native abort).
/// </summary>
public static class ShapeRules
{
    /// <summary>NumPy broadcasting: shapes aligned on the right, out_d = max(a_d, b_d) where each of a_d, b_d is out_d or 1.</summary>
    public static long[] Broadcast(ReadOnlySpan<long> a, ReadOnlySpan<long> b, string op)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            long db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: shapes {Text(a)} and {Text(b)} cannot be broadcast (dim {i}: {da} vs {db})");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>torch.matmul's rule: [..., M, K] · [..., K, N] with broadcast batch dims (a 1-D operand is a row or a column).</summary>
    public static void CheckMatMul(ReadOnlySpan<long> a, ReadOnlySpan<long> b)
    {
        if (a.Length == 0 || b.Length == 0)
            throw new ArgumentException($"MatMul: both operands need at least one dim (got {Text(a)} and {Text(b)})");
        long k = a[^1], kb = b.Length == 1 ? b[0] : b[^2];
        if (k != kb) throw new ArgumentException($"MatMul: inner dims differ ({Text(a)} · {Text(b)}: {k} vs {kb})");
        if (a.Length > 2 || b.Length > 2)
            Broadcast(a.Length > 2 ? a[..^2] : default, b.Length > 2 ? b[..^2] : default, "MatMul batch dims");
    }

    /// <summary>y = x Wᵀ + b: x [..., in], W [out, in], b [out].</summary>
    public static void CheckLinear(ReadOnlySpan<long> x, ReadOnlySpan<long> w, ReadOnlySpan<long> bias, bool hasBias)
    {
        if (x.Length == 0 || w.Length != 2 || x[^1] != w[1])
            throw new ArgumentException($"Linear: input {Text(x)} does not match weight {Text(w)} ([out, in], in = last input dim)");
        if (hasBias && (bias.Length != 1 || bias[0] != w[0]))
            throw new ArgumentException($"Linear: bias {Text(bias)} does not match {w[0]} output features");
    }

    /// <summary>Every reduction dim d must satisfy −rank ≤ d &lt; rank.</summary>
    public static void CheckDims(int rank, ReadOnlySpan<long> dims, string op)
    {
        foreach (var d in dims)
            if (d < -Math.Max(rank, 1) || d >= Math.Max(rank, 1))
                throw new ArgumentOutOfRangeException(nameof(dims), $"{op}: dim {d} out of range for a tensor of rank {rank}");
    }

    /// <summary>"[a, b, c]".</summary>
    public static string Text(ReadOnlySpan<long> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
