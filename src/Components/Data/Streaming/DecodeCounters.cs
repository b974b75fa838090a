namespace Seer.Toolkit.Data;

/// <summary>Thread-safe tallies of decode outcomes by status.</summary>
public sealed class DecodeCounters
{
    private readonly long[] _counts = new long[DecodeStatusNames.Reasons.Count + 1];

    /// <summary>Counts one outcome.</summary>
    public void Add(DecodeStatus status) => Interlocked.Increment(ref _counts[(int)status]);

    /// <summary>The tallies now.</summary>
    public DecodeCounts Snapshot() =>
        new(Interlocked.Read(ref _counts[(int)DecodeStatus.Ok]),
            DecodeStatusNames.Reasons.ToDictionary(r => r, r => Interlocked.Read(ref _counts[(int)r])));
}
