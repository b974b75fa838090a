namespace Seer.Toolkit.Data;

/// <summary>A snapshot of decode outcomes: decoded, skipped, and skipped by reason (every reason present, zero or not).</summary>
public sealed record DecodeCounts(long Ok, IReadOnlyDictionary<DecodeStatus, long> Reasons)
{
    /// <summary>Items skipped for any reason.</summary>
    public long Skipped => Reasons.Values.Sum();

    /// <summary>Items seen.</summary>
    public long Total => Ok + Skipped;
}
