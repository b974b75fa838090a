using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Weights;

/// <summary>Compares two safetensors checkpoints value by value after mapping both to canonical names.</summary>
public static class CheckpointDiff
{
    // Elements decoded per read, so tensors of any size stream through fixed buffers.
    private const int ChunkElements = 1 << 16;

    /// <summary>Opens both files and compares them; see <see cref="Compare(SafetensorsReader, SafetensorsReader)"/>.</summary>
    public static CheckpointDiffResult Compare(string pathA, string pathB)
    {
        using var a = SafetensorsReader.Open(pathA);
        using var b = SafetensorsReader.Open(pathB);
        return Compare(a, b);
    }

    /// <summary>Compares shared, equal-shaped canonical keys as doubles (dtypes may differ); unmapped keys match by own name.</summary>
    public static CheckpointDiffResult Compare(SafetensorsReader a, SafetensorsReader b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var keysA = CanonicalSources(a);
        var keysB = CanonicalSources(b);

        var missing = new List<string>();
        var mismatches = new List<ShapeMismatch>();
        var compared = 0;
        double maxAbs = 0, maxRel = 0, maxRelTensor = 0;
        string? maxAbsKey = null, maxRelTensorKey = null;
        foreach (var key in keysA.Keys.Order(StringComparer.Ordinal))
        {
            if (!keysB.TryGetValue(key, out var sourceB))
            {
                missing.Add(key);
                continue;
            }
            var ra = a.Get(keysA[key]);
            var rb = b.Get(sourceB);
            if (!ra.Shape.AsSpan().SequenceEqual(rb.Shape))
            {
                mismatches.Add(new ShapeMismatch(key, ra.Shape, rb.Shape));
                continue;
            }
            compared++;
            var (abs, rel, scale) = CompareValues(a, ra, b, rb);
            if (abs > maxAbs)
            {
                maxAbs = abs;
                maxAbsKey = key;
            }
            maxRel = Math.Max(maxRel, rel);
            double relTensor = abs == 0 ? 0 : abs / scale;                 // scale > 0 whenever abs > 0
            if (relTensor > maxRelTensor)
            {
                maxRelTensor = relTensor;
                maxRelTensorKey = key;
            }
        }
        var unexpected = keysB.Keys.Where(k => !keysA.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        return new CheckpointDiffResult(compared, maxAbs, maxRel, maxAbsKey, missing, unexpected, mismatches, maxRelTensor, maxRelTensorKey);
    }

    // Canonical (or, when unmapped, original) name → the tensor's name in the file.
    private static Dictionary<string, string> CanonicalSources(SafetensorsReader reader)
    {
        var remap = CheckpointKeyRemap.ToCanonical(reader.Entries.Select(e => e.Name), keepHeads: true);
        var map = new Dictionary<string, string>(remap.CanonicalToSource, StringComparer.Ordinal);
        foreach (var source in remap.Unmapped.Concat(remap.Collisions)) map.TryAdd(source, source);
        return map;
    }

    private static (double Abs, double Rel, double Scale) CompareValues(SafetensorsReader a, TensorRecord ra, SafetensorsReader b, TensorRecord rb)
    {
        int sizeA = ra.DType.SizeOf(), sizeB = rb.DType.SizeOf();
        var chunk = (int)Math.Min(ChunkElements, ra.ElementCount);
        var bytesA = new byte[chunk * sizeA];
        var bytesB = new byte[chunk * sizeB];
        var valuesA = new double[chunk];
        var valuesB = new double[chunk];
        double maxAbs = 0, maxRel = 0, scale = 0;
        for (long start = 0; start < ra.ElementCount; start += chunk)
        {
            var n = (int)Math.Min(chunk, ra.ElementCount - start);
            a.ReadInto(ra.Name, start * sizeA, bytesA.AsSpan(0, n * sizeA));
            b.ReadInto(rb.Name, start * sizeB, bytesB.AsSpan(0, n * sizeB));
            ElementDecoder.Decode(ra.DType, bytesA.AsSpan(0, n * sizeA), valuesA.AsSpan(0, n));
            ElementDecoder.Decode(rb.DType, bytesB.AsSpan(0, n * sizeB), valuesB.AsSpan(0, n));
            for (var i = 0; i < n; i++)
            {
                var (abs, rel) = Difference(valuesA[i], valuesB[i]);
                if (abs > maxAbs) maxAbs = abs;
                if (rel > maxRel) maxRel = rel;
                scale = Math.Max(scale, Math.Max(Math.Abs(valuesA[i]), Math.Abs(valuesB[i])));
            }
        }
        return (maxAbs, maxRel, scale);
    }

    /// <summary>|x − y| and |x − y| / max(|x|, |y|); equal values (NaN with NaN included) give 0, any other non-finite pair +∞.</summary>
    internal static (double Abs, double Rel) Difference(double x, double y)
    {
        if (x.Equals(y)) return (0, 0);
        if (!double.IsFinite(x) || !double.IsFinite(y)) return (double.PositiveInfinity, double.PositiveInfinity);
        var abs = Math.Abs(x - y);
        return (abs, abs / Math.Max(Math.Abs(x), Math.Abs(y)));
    }
}
