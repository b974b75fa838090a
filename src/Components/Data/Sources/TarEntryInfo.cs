namespace Seer.Toolkit.Data;

/// <summary>A regular file inside a tar archive: its full name, where its data starts and how long it is.</summary>
public readonly record struct TarEntryInfo(string Name, long DataOffset, long Size);
