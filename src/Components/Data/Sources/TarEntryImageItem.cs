namespace Seer.Toolkit.Data;

/// <summary>An item that is one regular-file entry of a tar shard, read at its offset.</summary>
public sealed class TarEntryImageItem(string shardPath, TarEntryInfo entry) : ImageItem($"{shardPath}/{entry.Name}")
{
    /// <summary>The tar file.</summary>
    public string ShardPath { get; } = shardPath;

    /// <summary>The entry's name, offset and size.</summary>
    public TarEntryInfo Entry { get; } = entry;

    /// <inheritdoc />
    public override long GetLength() => Entry.Size;

    /// <summary>The entry's bytes; a shard cut short yields only the bytes present (the decoder then reports truncated).</summary>
    public override byte[] ReadAllBytes()
    {
        using var stream = new FileStream(ShardPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        var available = Math.Clamp(stream.Length - Entry.DataOffset, 0, Entry.Size);
        var data = new byte[available];
        stream.Position = Entry.DataOffset;
        stream.ReadExactly(data);
        return data;
    }
}
