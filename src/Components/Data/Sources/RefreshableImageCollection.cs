using System.Collections.Concurrent;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Pretraining;

namespace Seer.Toolkit.Data;

/// <summary>
/// A pretraining collection over a folder, file list or tar shards whose listing is replaced between epochs: files added
/// since appear, removed ones drop out, both counted. Index i is item i of the source's deterministic listing order, so an
/// epoch is a function of (seed, epoch, listing). A listing can be saved and restored to replay an epoch exactly.
/// </summary>
public sealed class RefreshableImageCollection : IImageCollection
{
    private readonly ImageDecoder _decoder;
    private readonly ConcurrentDictionary<string, long> _skipped = new(StringComparer.Ordinal);
    private volatile ImageItem[] _items;

    /// <summary>A collection over <paramref name="source"/>'s current listing.</summary>
    public RefreshableImageCollection(IImageSource source, ImageDecoder decoder)
    {
        Source = source;
        _decoder = decoder;
        _items = [.. source.Items];
    }

    /// <summary>Opens a folder, file list or tar shard by absolute path, so recorded listings do not depend on the working folder.</summary>
    public static RefreshableImageCollection Open(string path, int minSide, long maxPixels = 90_000_000) =>
        new(ImageSources.Open(Path.GetFullPath(path)), new ImageDecoder(new DecodeOptions { MinSide = minSide, MaxPixels = maxPixels }));

    /// <summary>The source that is re-listed.</summary>
    public IImageSource Source { get; }

    /// <summary>The listing in use.</summary>
    public IReadOnlyList<ImageItem> Items => _items;

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <summary>Files skipped so far, by reason (a file removed after listing reads as io_error).</summary>
    public IReadOnlyDictionary<string, long> Skipped => _skipped;

    /// <inheritdoc />
    public ImageF? Load(int index)
    {
        var result = _decoder.Decode(_items[index]);
        if (!result.IsOk || result.Image is null)
        {
            _skipped.AddOrUpdate(result.Status.ToName(), 1, (_, n) => n + 1);
            return null;
        }
        return ImageF.FromRgb(result.Image.Rgb, result.Image.Height, result.Image.Width);
    }

    /// <summary>Re-lists the source and uses the new listing. Not to be called while a batch is being built.</summary>
    public ListingChange Refresh()
    {
        Source.Refresh();
        return Replace([.. Source.Items], Source.ListingProblems);
    }

    /// <summary>
    /// Uses the listing saved in <paramref name="listingFile"/> (one id per line), in its order: ids the source still
    /// lists keep their item, others become file items (a file that has gone reads as io_error and is replaced).
    /// </summary>
    public ListingChange Restore(string listingFile)
    {
        Source.Refresh();
        var live = new Dictionary<string, ImageItem>(StringComparer.Ordinal);
        foreach (var item in Source.Items) live.TryAdd(item.Id, item);
        var items = File.ReadAllLines(listingFile).Select(id => live.TryGetValue(id, out var item) ? item : new FileImageItem(id)).ToArray();
        return Replace(items, Source.ListingProblems);
    }

    /// <summary>Writes the listing in use, one id per line, atomically.</summary>
    public void Save(string listingFile)
    {
        var ids = _items.Select(i => i.Id).ToArray();
        if (ids.FirstOrDefault(id => id.Contains('\n', StringComparison.Ordinal) || id.Contains('\r', StringComparison.Ordinal)) is { } bad)
            throw new InvalidDataException($"cannot record a listing with a line break in an item id: '{bad}'");
        PretrainCheckpoint.WriteAtomically(listingFile, ids.Length == 0 ? "" : string.Join('\n', ids) + "\n");
    }

    private ListingChange Replace(ImageItem[] next, IReadOnlyList<string> problems)
    {
        var before = new HashSet<string>(_items.Select(i => i.Id), StringComparer.Ordinal);
        var after = new HashSet<string>(next.Select(i => i.Id), StringComparer.Ordinal);
        int added = after.Count(id => !before.Contains(id));
        int removed = before.Count(id => !after.Contains(id));
        _items = next;
        return new ListingChange(next.Length, added, removed, problems);
    }
}
