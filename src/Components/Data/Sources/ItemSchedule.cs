namespace Seer.Toolkit.Data;

/// <summary>
/// Orders a source's items epoch by epoch: a (seed, epoch)-determined shuffle of the listing snapshot taken at the
/// epoch's start, then this rank's share (global position i belongs to rank i % worldSize). Shards of one epoch are
/// disjoint and together cover the snapshot.
/// </summary>
public sealed class ItemSchedule
{
    private readonly IImageSource _source;

    /// <summary>A schedule over <paramref name="source"/>.</summary>
    public ItemSchedule(IImageSource source, ScheduleOptions? options = null)
    {
        _source = source;
        Options = options ?? new ScheduleOptions();
        if (Options.WorldSize < 1) throw new ArgumentOutOfRangeException(nameof(options), $"WorldSize must be >= 1 (got {Options.WorldSize})");
        if (Options.Rank < 0 || Options.Rank >= Options.WorldSize)
            throw new ArgumentOutOfRangeException(nameof(options), $"Rank must be in [0, {Options.WorldSize}) (got {Options.Rank})");
        if (Options.Epochs is < 0) throw new ArgumentOutOfRangeException(nameof(options), $"Epochs must be >= 0 (got {Options.Epochs})");
    }

    /// <summary>The ordering options.</summary>
    public ScheduleOptions Options { get; }

    /// <summary>This rank's items, epoch after epoch (forever when <see cref="ScheduleOptions.Epochs"/> is null; stops at an epoch with nothing for this rank).</summary>
    public IEnumerable<ScheduledItem> Enumerate()
    {
        for (var epoch = 0; Options.Epochs is null || epoch < Options.Epochs; epoch++)
        {
            if (epoch > 0 && Options.RefreshEachEpoch) _source.Refresh();
            var items = Epoch(epoch);
            if (items.Count == 0) yield break;                     // nothing to give this rank: stop rather than spin
            foreach (var item in items) yield return item;
        }
    }

    /// <summary>This rank's share of one epoch, from the listing snapshot taken now.</summary>
    public IReadOnlyList<ScheduledItem> Epoch(int epoch)
    {
        var snapshot = _source.Items;
        var order = Options.Shuffle ? Permutation(snapshot.Count, Options.Seed, epoch) : Identity(snapshot.Count);
        var mine = new List<ScheduledItem>();
        for (var position = Options.Rank; position < order.Length; position += Options.WorldSize)
            mine.Add(new ScheduledItem(epoch, position, snapshot[order[position]]));
        return mine;
    }

    /// <summary>A permutation of 0..count-1 fixed by (seed, epoch): Fisher–Yates driven by SplitMix64.</summary>
    public static int[] Permutation(int count, long seed, int epoch)
    {
        var order = Identity(count);
        var mix = new SplitMix64((ulong)seed);
        var rng = new SplitMix64(mix.Next() ^ ((ulong)(uint)epoch * 0xD1B54A32D192ED03UL));
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)rng.NextBelow((ulong)i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static int[] Identity(int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        return order;
    }
}
