namespace Seer.Toolkit.Weights;

/// <summary>Compares a model's expected canonical state (names and shapes) with what a checkpoint holds.</summary>
public static class StateMatch
{
    private const string HeadPrefix = "fc.";
    private const string NumBatchesTracked = ".num_batches_tracked";

    /// <summary>Missing, unexpected and mis-shaped keys of <paramref name="found"/> against <paramref name="expected"/>.</summary>
    public static StateMatchResult Compute(IReadOnlyDictionary<string, long[]> expected, IReadOnlyDictionary<string, long[]> found,
        StateMatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(found);
        options ??= StateMatchOptions.Strict;

        var missing = new List<string>();
        var mismatches = new List<ShapeMismatch>();
        foreach (var (key, shape) in expected)
        {
            if (!found.TryGetValue(key, out var got))
            {
                if (!(options.AllowMissingHead && IsHead(key)) && !(options.IgnoreNumBatchesTracked && IsCounter(key))) missing.Add(key);
            }
            else if (!shape.AsSpan().SequenceEqual(got)) mismatches.Add(new ShapeMismatch(key, shape, got));
        }

        var unexpected = found.Keys
            .Where(k => !expected.ContainsKey(k))
            .Where(k => !(options.AllowUnexpectedHead && IsHead(k)) && !(options.IgnoreNumBatchesTracked && IsCounter(k)))
            .ToList();

        missing.Sort(StringComparer.Ordinal);
        unexpected.Sort(StringComparer.Ordinal);
        mismatches.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new StateMatchResult(missing, unexpected, mismatches, expected, found);
    }

    /// <summary>Compares against a checkpoint after mapping its keys to canonical names; unmapped keys count as unexpected.</summary>
    public static StateMatchResult Compute(IReadOnlyDictionary<string, long[]> expected, SafetensorsReader checkpoint,
        StateMatchOptions? options = null, CheckpointFormat format = CheckpointFormat.Unknown, bool keepHeads = false)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Compute(expected, CanonicalShapes(checkpoint, format, keepHeads), options);
    }

    /// <summary>Canonical name → shape for every tensor in <paramref name="checkpoint"/>; unmapped keys keep their names.</summary>
    public static Dictionary<string, long[]> CanonicalShapes(SafetensorsReader checkpoint,
        CheckpointFormat format = CheckpointFormat.Unknown, bool keepHeads = false)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var remap = CheckpointKeyRemap.ToCanonical(checkpoint.Entries.Select(e => e.Name), format, keepHeads);
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (canonical, source) in remap.CanonicalToSource) shapes[canonical] = checkpoint.Get(source).Shape;
        foreach (var source in remap.Unmapped.Concat(remap.Collisions)) shapes.TryAdd(source, checkpoint.Get(source).Shape);
        return shapes;
    }

    private static bool IsHead(string key) => key.StartsWith(HeadPrefix, StringComparison.Ordinal);

    private static bool IsCounter(string key) => key.EndsWith(NumBatchesTracked, StringComparison.Ordinal);
}
