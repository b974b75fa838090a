namespace Seer.Toolkit.Data;

/// <summary>One listed item of an image source: an id (its path) and a way to read its bytes.</summary>
public abstract class ImageItem(string id)
{
    /// <summary>The item's path: a file path, or "shard.tar/entry/name" for tar entries.</summary>
    public string Id { get; } = id;

    /// <summary>Size of the encoded bytes (may throw <see cref="IOException"/> when the file has gone).</summary>
    public abstract long GetLength();

    /// <summary>All encoded bytes (may throw <see cref="IOException"/>).</summary>
    public abstract byte[] ReadAllBytes();

    /// <inheritdoc />
    public override string ToString() => Id;
}
