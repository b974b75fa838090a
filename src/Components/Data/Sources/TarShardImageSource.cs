namespace Seer.Toolkit.Data;

/// <summary>WebDataset-style tar shards: every regular-file entry of each shard is an item, shards in the given order.</summary>
public sealed class TarShardImageSource : IImageSource
{
    private volatile Snapshot _snapshot = new([], []);

    /// <summary>Lists the shards at <paramref name="shardPaths"/>.</summary>
    public TarShardImageSource(IEnumerable<string> shardPaths)
    {
        ShardPaths = shardPaths.ToArray();
        if (ShardPaths.Count == 0) throw new ArgumentException("no tar shards given", nameof(shardPaths));
        foreach (var shard in ShardPaths)
            if (!File.Exists(shard)) throw new FileNotFoundException($"tar shard not found: {shard}", shard);
        Refresh();
    }

    /// <summary>The tar files.</summary>
    public IReadOnlyList<string> ShardPaths { get; }

    /// <inheritdoc />
    public string Description => ShardPaths.Count == 1 ? $"tar {ShardPaths[0]}" : $"{ShardPaths.Count} tar shards";

    /// <inheritdoc />
    public IReadOnlyList<ImageItem> Items => _snapshot.Items;

    /// <inheritdoc />
    public IReadOnlyList<string> ListingProblems => _snapshot.Problems;

    /// <inheritdoc />
    public void Refresh()
    {
        var items = new List<ImageItem>();
        var problems = new List<string>();
        foreach (var shard in ShardPaths)
        {
            try
            {
                var listing = TarHeaderReader.List(shard);
                items.AddRange(listing.Entries.Select(e => new TarEntryImageItem(shard, e)));
                if (listing.Error is { } error) problems.Add($"{shard}: {error}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{shard}: {e.Message}");
            }
        }
        _snapshot = new Snapshot(items.ToArray(), problems);
    }

    private sealed record Snapshot(ImageItem[] Items, List<string> Problems);
}
