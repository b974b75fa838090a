namespace Seer.Toolkit.Data;

/// <summary>An item that is a whole file.</summary>
public sealed class FileImageItem(string path) : ImageItem(path)
{
    /// <summary>The file's path.</summary>
    public string Path => Id;

    /// <inheritdoc />
    public override long GetLength() => new FileInfo(Id) is { Exists: true } f ? f.Length : throw new FileNotFoundException($"file not found: {Id}", Id);

    /// <inheritdoc />
    public override byte[] ReadAllBytes() => File.ReadAllBytes(Id);
}
