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

    /// <summary>A dim in −rank ≤ d &lt; rank, made non-negative.</summary>
    public static int Dim(long dim, int rank, string op)
    {
        if (dim < -Math.Max(rank, 1) || dim >= Math.Max(rank, 1))
            throw new ArgumentOutOfRangeException(nameof(dim), $"{op}: dim {dim} out of range for a tensor of rank {rank}");
        return (int)(dim < 0 ? dim + rank : dim);
    }

    /// <summary>The target of a reshape with at most one −1 resolved; the element count must not change.</summary>
    public static long[] Reshape(ReadOnlySpan<long> from, ReadOnlySpan<long> to)
    {
        long count = 1, known = 1;
        foreach (var d in from) count *= d;
        int infer = -1;
        var result = to.ToArray();
        for (int i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"Reshape: more than one −1 in {Text(to)}");
                infer = i;
            }
            else if (result[i] < 0) throw new ArgumentException($"Reshape: negative dimension in {Text(to)}");
            else known *= result[i];
        }
        if (infer >= 0)
        {
            if (known == 0 || count % known != 0)
                throw new ArgumentException($"Reshape: {Text(from)} cannot be viewed as {Text(to)}");
            result[infer] = count / known;
        }
        else if (known != count) throw new ArgumentException($"Reshape: {Text(from)} ({count} elements) cannot be viewed as {Text(to)}");
        return result;
    }

    /// <summary>torch.cat's rule: equal ranks, equal sizes except along <paramref name="dim"/>; returns the joined shape.</summary>
    public static long[] Cat(IReadOnlyList<long[]> shapes, long dim)
    {
        if (shapes.Count == 0) throw new ArgumentException("Cat: no tensors given");
        var first = shapes[0];
        int d = Dim(dim, first.Length, "Cat");
        var result = (long[])first.Clone();
        for (int i = 1; i < shapes.Count; i++)
        {
            var s = shapes[i];
            if (s.Length != first.Length)
                throw new ArgumentException($"Cat: tensor {i} has shape {Text(s)}, rank differs from {Text(first)}");
            for (int k = 0; k < s.Length; k++)
                if (k != d && s[k] != first[k])
                    throw new ArgumentException($"Cat: tensor {i} has shape {Text(s)}, differs from {Text(first)} outside dim {d}");
            result[d] += s[d];
        }
        return result;
    }

    /// <summary>Narrow's rule: 0 ≤ start, length ≥ 0 and start + length ≤ size along <paramref name="dim"/>.</summary>
    public static int CheckNarrow(ReadOnlySpan<long> shape, long dim, long start, long length)
    {
        int d = Dim(dim, shape.Length, "Narrow");
        if (start < 0 || length < 0 || start + length > shape[d])
            throw new ArgumentException($"Narrow: [{start}, {start + length}) outside dim {d} of {Text(shape)}");
        return d;
    }

    /// <summary>
    /// conv2d's rule: x [N, C, H, W], w [O, C/G, KH, KW] with G dividing C and O, optional bias [O]; returns
    /// [N, O, ⌊(H + 2p − d(KH − 1) − 1)/s⌋ + 1, ⌊(W + 2p − d(KW − 1) − 1)/s⌋ + 1] (both positive).
    /// </summary>
    public static long[] Conv2d(ReadOnlySpan<long> x, ReadOnlySpan<long> w, ReadOnlySpan<long> bias, bool hasBias,
        int stride, int padding, int dilation, int groups)
    {
        if (x.Length != 4 || w.Length != 4)
            throw new ArgumentException($"Conv2d: input {Text(x)} and weight {Text(w)} must both be 4-D ([N, C, H, W], [O, C/G, KH, KW])");
        if (stride < 1 || dilation < 1 || padding < 0 || groups < 1)
            throw new ArgumentException($"Conv2d: stride {stride}, dilation {dilation}, groups {groups} must be ≥ 1 and padding {padding} ≥ 0");
        if (x[1] % groups != 0 || w[0] % groups != 0 || w[1] * groups != x[1])
            throw new ArgumentException($"Conv2d: input {Text(x)} does not match weight {Text(w)} with {groups} group(s)");
        if (hasBias && (bias.Length != 1 || bias[0] != w[0]))
            throw new ArgumentException($"Conv2d: bias {Text(bias)} does not match {w[0]} output channels");
        long spanH = x[2] + 2 * padding - dilation * (w[2] - 1) - 1;
        long spanW = x[3] + 2 * padding - dilation * (w[3] - 1) - 1;
        if (spanH < 0 || spanW < 0)
            throw new ArgumentException($"Conv2d: kernel {Text(w)} larger than the padded input {Text(x)}");
        return [x[0], w[0], spanH / stride + 1, spanW / stride + 1];
    }

    /// <summary>"[a, b, c]".</summary>
    public static string Text(ReadOnlySpan<long> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
