namespace Seer.Toolkit.Data;

/// <summary>What replacing a collection's listing changed: items now listed, items new to it, items gone from it.</summary>
public sealed record ListingChange(int Count, int Added, int Removed, IReadOnlyList<string> Problems);
