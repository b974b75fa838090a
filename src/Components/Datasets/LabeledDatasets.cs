namespace Seer.Toolkit.Components.Datasets;

/// <summary>
/// Resolves a --dataset argument: a known name (fashion-mnist, mnist), a folder of IDX files, an ImageFolder root, or
/// a .csv/.txt list of path,label lines. Anything else is an error listing the accepted forms.
/// </summary>
public static class LabeledDatasets
{
    /// <summary>The accepted forms, for error messages and help.</summary>
    public static string AcceptedForms =>
        $"a known name ({string.Join(", ", IdxDatasets.KnownLocations.Keys)}), a folder of IDX files, an ImageFolder root " +
        "(ROOT/<class>/<image>, or ROOT/train/<class>/<image> with ROOT/val or ROOT/test), or a .csv/.txt list of 'path,label' lines";

    /// <summary>True when <paramref name="argument"/> names IDX data (a known name or a folder holding *-images-idx3-ubyte).</summary>
    public static bool IsIdx(string argument) => IdxDatasets.KnownLocations.ContainsKey(argument) || IsIdxFolder(argument);

    /// <summary>Opens the dataset <paramref name="argument"/> names.</summary>
    public static LabeledSplits Open(string argument, LabeledDatasetOptions? options = null)
    {
        options ??= new LabeledDatasetOptions();
        if (IdxDatasets.KnownLocations.ContainsKey(argument)) return LabeledSplits.From(IdxDatasets.Load(argument));
        if (IsIdxFolder(argument)) return LabeledSplits.From(IdxDatasets.Load(Path.GetFileName(Path.TrimEndingDirectorySeparator(argument)), argument));
        if (Directory.Exists(argument)) return ImageFolderDataset.Open(argument, options);
        if (File.Exists(argument))
        {
            var ext = Path.GetExtension(argument);
            if (ext.Equals(".csv", StringComparison.OrdinalIgnoreCase) || ext.Equals(".txt", StringComparison.OrdinalIgnoreCase))
                return LabeledListFile.Open(argument, options);
            throw new ArgumentException($"dataset '{argument}' is a file but not a .csv or .txt list; --dataset accepts {AcceptedForms}");
        }
        throw new ArgumentException($"unknown dataset '{argument}': not a known name and no such file or folder; --dataset accepts {AcceptedForms}");
    }

    private static bool IsIdxFolder(string path) =>
        Directory.Exists(path) && Directory.EnumerateFiles(path, "*-images-idx3-ubyte*").Any();
}
