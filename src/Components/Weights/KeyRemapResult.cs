namespace Seer.Toolkit.Weights;

/// <summary>Outcome of mapping a checkpoint's keys to canonical (torchvision) names.</summary>
public sealed class KeyRemapResult(
    CheckpointFormat format,
    IReadOnlyDictionary<string, string> canonicalToSource,
    IReadOnlyList<string> unmapped,
    IReadOnlyList<string> collisions)
{
    /// <summary>The naming scheme the keys were read as.</summary>
    public CheckpointFormat Format { get; } = format;

    /// <summary>Canonical name → the source key it came from.</summary>
    public IReadOnlyDictionary<string, string> CanonicalToSource { get; } = canonicalToSource;

    /// <summary>Source keys no rule maps (VISSL heads unless kept, unknown modules, foreign keys), in input order.</summary>
    public IReadOnlyList<string> Unmapped { get; } = unmapped;

    /// <summary>Source keys whose canonical name an earlier key already took (e.g. the same tensor with and without "module.").</summary>
    public IReadOnlyList<string> Collisions { get; } = collisions;
}
