using Seer.Toolkit.Components.Datasets;

namespace Seer.Toolkit.Components.Pretraining;

/// <summary>
/// What <c>seer pretrain</c> and the <c>seer-worker pretrain</c> ranks resolve from their arguments: the recipe (preset,
/// then the config file, then --set pairs, then --steps) and the unlabeled images of --data.
/// </summary>
public static class PretrainInputs
{
    /// <summary>Preset, then the config file, then --set pairs, then --steps; validated.</summary>
    public static PretrainOptions Recipe(string preset, string? configPath, IEnumerable<string> sets, long? steps)
    {
        var options = PretrainPresets.Get(preset);
        if (configPath is not null) options = PretrainSettings.ApplyJson(options, configPath);
        foreach (var s in sets) options = PretrainSettings.Apply(options, s);
        if (steps is { } n) options = options with { Steps = n };
        return options.Validate();
    }

    /// <summary>Unlabeled pretraining images: a dataset's training split (labels ignored) or decoded image files.</summary>
    public static IImageCollection Images(string argument, int minSide, TextWriter log)
    {
        if (IdxDatasets.KnownLocations.ContainsKey(argument) || IsIdxFolder(argument)) return new GrayDatasetImages(LoadIdx(argument).Train);
        if (!Directory.Exists(argument) && !File.Exists(argument))
            throw new ArgumentException($"--data '{argument}' is neither a known dataset ({string.Join(", ", IdxDatasets.KnownLocations.Keys)}) nor an existing path");
        var images = DecodedImageCollection.Open(argument, minSide);
        if (images.Count == 0) throw new ArgumentException($"no files found under '{argument}'");
        log.WriteLine($"{images.Count} files under {argument} (unusable ones are skipped and counted)");
        return images;
    }

    /// <summary>True for a folder holding IDX image files.</summary>
    public static bool IsIdxFolder(string path) =>
        Directory.Exists(path) && Directory.EnumerateFiles(path, "*-images-idx3-ubyte*").Any();

    /// <summary>A known IDX dataset name or a folder of IDX files.</summary>
    public static DatasetSplits LoadIdx(string argument)
    {
        if (IdxDatasets.KnownLocations.ContainsKey(argument)) return IdxDatasets.Load(argument);
        if (IsIdxFolder(argument)) return IdxDatasets.Load(Path.GetFileName(Path.TrimEndingDirectorySeparator(argument)), argument);
        throw new ArgumentException($"unknown dataset '{argument}': expected one of {string.Join(", ", IdxDatasets.KnownLocations.Keys)} or a folder of IDX files");
    }
}
