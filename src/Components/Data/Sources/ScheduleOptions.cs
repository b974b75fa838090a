namespace Seer.Toolkit.Data;

/// <summary>How an <see cref="ItemSchedule"/> orders and splits a source: seed, shuffling, rank/world size, epochs.</summary>
public sealed record ScheduleOptions
{
    /// <summary>Shuffle seed; each epoch's order is a function of (seed, epoch) only.</summary>
    public long Seed { get; init; }

    /// <summary>Shuffle each epoch (false keeps the listing order).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>This process's rank in [0, <see cref="WorldSize"/>).</summary>
    public int Rank { get; init; }

    /// <summary>Number of ranks; position i of an epoch's order goes to rank i % WorldSize.</summary>
    public int WorldSize { get; init; } = 1;

    /// <summary>Epochs to run; null runs forever.</summary>
    public int? Epochs { get; init; } = 1;

    /// <summary>Re-list the source (<see cref="IImageSource.Refresh"/>) before every epoch after the first.</summary>
    public bool RefreshEachEpoch { get; init; }
}
