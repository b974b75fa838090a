using System.Collections.Concurrent;
using Seer.Toolkit.Data;

namespace Seer.Toolkit.Tests.Data;

/// <summary>A folder source that counts reads per file and runs a hook before each re-listing (refresh number 1, 2, ...).</summary>
internal sealed class CountingSource(string folder, Action<int> beforeRefresh) : IImageSource
{
    private readonly FolderImageSource _inner = new(folder);
    private int _refreshes;

    public ConcurrentDictionary<string, int> Reads { get; } = new(StringComparer.Ordinal);

    public string Description => _inner.Description;

    public IReadOnlyList<ImageItem> Items => [.. _inner.Items.Select(i => new CountingItem(i, this))];

    public IReadOnlyList<string> ListingProblems => _inner.ListingProblems;

    public void Refresh()
    {
        beforeRefresh(++_refreshes);
        _inner.Refresh();
    }

    private sealed class CountingItem(ImageItem inner, CountingSource owner) : ImageItem(inner.Id)
    {
        public override long GetLength() => inner.GetLength();

        public override byte[] ReadAllBytes()
        {
            owner.Reads.AddOrUpdate(Path.GetFileName(Id), 1, (_, n) => n + 1);
            return inner.ReadAllBytes();
        }
    }
}
