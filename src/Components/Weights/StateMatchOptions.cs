namespace Seer.Toolkit.Weights;

/// <summary>Which differences between a model's state and a checkpoint <see cref="StateMatch"/> tolerates.</summary>
public sealed record StateMatchOptions
{
    /// <summary>Everything must match exactly.</summary>
    public static StateMatchOptions Strict { get; } = new();

    /// <summary>The model's "fc.*" classifier keys may be absent from the checkpoint (trunk-only weights).</summary>
    public bool AllowMissingHead { get; init; }

    /// <summary>The checkpoint's "fc.*" keys may be absent from the model (classifier weights loaded into a trunk).</summary>
    public bool AllowUnexpectedHead { get; init; }

    /// <summary>BatchNorm "num_batches_tracked" counters may be missing on either side.</summary>
    public bool IgnoreNumBatchesTracked { get; init; }
}
