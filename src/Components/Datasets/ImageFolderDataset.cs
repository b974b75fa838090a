using Seer.Toolkit.Data;

namespace Seer.Toolkit.Components.Datasets;

/// <summary>
/// torchvision's ImageFolder layout: ROOT/train/&lt;class&gt;/* with ROOT/val/&lt;class&gt;/* (or ROOT/test/…), or a single
/// ROOT/&lt;class&gt;/* split by <see cref="DatasetSplitter.Split"/>. Classes are the training folder's sub-folder names in
/// ordinal order (Python's sorted()), hidden folders (".name") excepted; files are every non-hidden file below a class
/// folder, recursively, in ordinal path order (content decides the format). An empty class folder is an error naming it.
/// </summary>
public static class ImageFolderDataset
{
    /// <summary>Opens <paramref name="root"/>.</summary>
    public static LabeledSplits Open(string root, LabeledDatasetOptions options)
    {
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"ImageFolder root not found: {root}");
        root = Path.GetFullPath(root);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(root));
        var decoder = new ImageDecoder(options.Decode);
        var trainDir = Path.Combine(root, "train");
        if (Directory.Exists(trainDir))
        {
            var classes = ClassFolders(trainDir);
            var train = new LabeledFileImages(name, Files(root, trainDir, classes, classes), classes, decoder);
            var heldName = new[] { "val", "test" }.FirstOrDefault(s => Directory.Exists(Path.Combine(root, s)));
            if (heldName is null) return LabeledSplits.ByFraction(train, options.ValFraction, options.Seed);
            var heldDir = Path.Combine(root, heldName);
            var unknown = SubFolders(heldDir).Where(c => !classes.Contains(c, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
                throw new InvalidDataException($"ImageFolder {heldDir}: class folders not in {trainDir}: {string.Join(", ", unknown)}");
            var held = new LabeledFileImages(name, Files(root, heldDir, SubFolders(heldDir), classes), classes, decoder);
            return new LabeledSplits(train, held, heldName);
        }
        var all = ClassFolders(root);
        return LabeledSplits.ByFraction(new LabeledFileImages(name, Files(root, root, all, all), all, decoder), options.ValFraction, options.Seed);
    }

    private static List<string> SubFolders(string dir) =>
        [.. new DirectoryInfo(dir).EnumerateDirectories()
            .Where(d => (d.Attributes & FileAttributes.Hidden) == 0 && !d.Name.StartsWith('.'))
            .Select(d => d.Name)
            .Order(StringComparer.Ordinal)];

    private static List<string> ClassFolders(string dir)
    {
        var classes = SubFolders(dir);
        if (classes.Count == 0)
            throw new InvalidDataException($"ImageFolder {dir} has no class folders; expected ROOT/<class>/<image> or ROOT/train/<class>/<image> (with ROOT/val or ROOT/test)");
        return classes;
    }

    private static List<LabeledFile> Files(string root, string dir, IReadOnlyList<string> folders, IReadOnlyList<string> classes)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        var files = new List<LabeledFile>();
        var empty = new List<string>();
        var labelOf = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            int label = labelOf[folder];
            var paths = Directory.EnumerateFiles(Path.Combine(dir, folder), "*", options)
                .Where(p => !Path.GetFileName(p).StartsWith('.'))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (paths.Count == 0) empty.Add(folder);
            files.AddRange(paths.Select(p => new LabeledFile(p, label, Path.GetRelativePath(root, p).Replace('\\', '/'))));
        }
        if (empty.Count > 0)
            throw new InvalidDataException($"ImageFolder {dir}: empty class folders (no files): {string.Join(", ", empty)}");
        return files;
    }
}
