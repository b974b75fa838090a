namespace Seer.Toolkit.Data;

/// <summary>Every file under a folder, recursively, in ordinal path order; any extension (content decides), hidden entries skipped.</summary>
public sealed class FolderImageSource : IImageSource
{
    private volatile Snapshot _snapshot = new([], []);

    /// <summary>Lists <paramref name="root"/>.</summary>
    public FolderImageSource(string root)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"folder not found: {root}");
        Root = root;
        Refresh();
    }

    /// <summary>The folder listed.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public string Description => $"folder {Root}";

    /// <inheritdoc />
    public IReadOnlyList<ImageItem> Items => _snapshot.Items;

    /// <inheritdoc />
    public IReadOnlyList<string> ListingProblems => _snapshot.Problems;

    /// <inheritdoc />
    public void Refresh()
    {
        var problems = new List<string>();
        var files = new List<string>();
        try
        {
            var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
            files.AddRange(Directory.EnumerateFiles(Root, "*", options));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{Root}: {e.Message}");
        }
        files.Sort(StringComparer.Ordinal);
        _snapshot = new Snapshot(files.Select(f => (ImageItem)new FileImageItem(f)).ToArray(), problems);
    }

    private sealed record Snapshot(ImageItem[] Items, List<string> Problems);
}
