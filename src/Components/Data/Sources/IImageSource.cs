namespace Seer.Toolkit.Data;

/// <summary>A listing of encoded images (no curation, no de-duplication) that can be re-listed.</summary>
public interface IImageSource
{
    /// <summary>What is listed (a folder, a list file, shards).</summary>
    string Description { get; }

    /// <summary>The current listing in a deterministic order; an immutable snapshot replaced by <see cref="Refresh"/>.</summary>
    IReadOnlyList<ImageItem> Items { get; }

    /// <summary>Problems met while listing (unreadable folders, damaged tar headers); the rest of the listing is kept.</summary>
    IReadOnlyList<string> ListingProblems { get; }

    /// <summary>Lists the source again: files added since appear in the next snapshot of <see cref="Items"/>.</summary>
    void Refresh();
}
