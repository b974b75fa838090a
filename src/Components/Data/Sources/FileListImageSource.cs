namespace Seer.Toolkit.Data;

/// <summary>
/// The files named in a text list, one path per line, relative to the list's folder (absolute paths kept); blank
/// lines and lines starting with '#' are ignored. Listed paths are not checked: a missing file reads as io_error.
/// </summary>
public sealed class FileListImageSource : IImageSource
{
    private volatile Snapshot _snapshot = new([], []);

    /// <summary>Reads the list at <paramref name="listPath"/>.</summary>
    public FileListImageSource(string listPath)
    {
        if (!File.Exists(listPath)) throw new FileNotFoundException($"file list not found: {listPath}", listPath);
        ListPath = listPath;
        Refresh();
    }

    /// <summary>The list file.</summary>
    public string ListPath { get; }

    /// <inheritdoc />
    public string Description => $"file list {ListPath}";

    /// <inheritdoc />
    public IReadOnlyList<ImageItem> Items => _snapshot.Items;

    /// <inheritdoc />
    public IReadOnlyList<string> ListingProblems => _snapshot.Problems;

    /// <inheritdoc />
    public void Refresh()
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(ListPath))!;
        try
        {
            var items = File.ReadLines(ListPath)
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(line => (ImageItem)new FileImageItem(Path.IsPathRooted(line) ? line : Path.Combine(folder, line)))
                .ToArray();
            _snapshot = new Snapshot(items, []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _snapshot = _snapshot with { Problems = [$"{ListPath}: {e.Message}"] };
        }
    }

    private sealed record Snapshot(ImageItem[] Items, string[] Problems);
}
