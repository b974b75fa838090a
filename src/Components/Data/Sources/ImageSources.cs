namespace Seer.Toolkit.Data;

/// <summary>Opens the source a path names: a folder, a .txt file list, or a .tar shard.</summary>
public static class ImageSources
{
    /// <summary>The source for <paramref name="path"/>; throws <see cref="FileNotFoundException"/> or <see cref="ArgumentException"/> for bad paths.</summary>
    public static IImageSource Open(string path)
    {
        if (Directory.Exists(path)) return new FolderImageSource(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"no such file or folder: {path}", path);
        if (path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)) return new TarShardImageSource([path]);
        if (path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)) return new FileListImageSource(path);
        throw new ArgumentException($"'{path}' is not a folder, a .txt file list or a .tar shard");
    }
}
