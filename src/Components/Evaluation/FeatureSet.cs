namespace Seer.Toolkit.Components.Evaluation;

/// <summary>Row-major features [Count, Dim] with integer labels: what probes train on.</summary>
public sealed record FeatureSet(float[] Features, int[] Labels, int Dim)
{
    /// <summary>Number of rows.</summary>
    public int Count => Labels.Length;

    /// <summary>Checks the shapes agree and every value is finite; the message names the problem.</summary>
    public FeatureSet Validate()
    {
        if (Dim <= 0 || Features.Length != (long)Count * Dim)
            throw new ArgumentException($"feature set: {Features.Length} values for {Count} rows of {Dim}");
        int bad = 0, firstRow = -1;
        for (long i = 0; i < Features.Length; i++)
        {
            if (float.IsFinite(Features[i])) continue;
            if (bad++ == 0) firstRow = (int)(i / Dim);
        }
        if (bad > 0)
            throw new ArgumentException($"feature set: {bad} non-finite feature values (first in row {firstRow}); the trunk's activations overflowed or its weights hold NaN/Inf");
        return this;
    }

    /// <summary>A new set of rows <paramref name="rows"/>, in that order.</summary>
    public FeatureSet SelectRows(IReadOnlyList<int> rows)
    {
        var x = new float[(long)rows.Count * Dim];
        for (int i = 0; i < rows.Count; i++) Array.Copy(Features, (long)rows[i] * Dim, x, (long)i * Dim, Dim);
        return new FeatureSet(x, [.. rows.Select(r => Labels[r])], Dim);
    }

    /// <summary>Validates a train/test pair and checks both have the same width.</summary>
    public static void ValidatePair(FeatureSet train, FeatureSet test)
    {
        train.Validate();
        test.Validate();
        if (train.Dim != test.Dim) throw new ArgumentException($"train features have {train.Dim} dims, test features {test.Dim}");
    }
}
