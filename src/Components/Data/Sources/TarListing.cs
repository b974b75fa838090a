namespace Seer.Toolkit.Data;

/// <summary>The regular files found in a tar archive, and the problem that ended the listing early, if any.</summary>
public sealed record TarListing(IReadOnlyList<TarEntryInfo> Entries, string? Error);
