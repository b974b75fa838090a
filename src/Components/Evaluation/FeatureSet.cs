namespace Seer.Toolkit.Components.Evaluation;

/// <summary>Row-major features [Count, Dim] with integer labels: what probes train on.</summary>
public sealed record FeatureSet(float[] Features, int[] Labels, int Dim)
{
    /// <summary>Number of rows.</summary>
    public int Count => Labels.Length;

    /// <summary>Checks the shapes agree; the message names the mismatch.</summary>
    public FeatureSet Validate()
    {
        if (Dim <= 0 || Features.Length != (long)Count * Dim)
            throw new ArgumentException($"feature set: {Features.Length} values for {Count} rows of {Dim}");
        return this;
    }
}
