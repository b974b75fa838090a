using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Data;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary>Resolves a --data / --dataset argument: a known dataset name or a folder of IDX files.</summary>
internal static class DataArguments
{
    /// <summary>Unlabeled pretraining images: a dataset's training split (labels ignored) or decoded image files.</summary>
    public static IImageCollection PretrainImages(string argument, int minSide, TextWriter log) => PretrainInputs.Images(argument, minSide, log);

    /// <summary>Image files (a folder, file list or tar shard) re-listed before every epoch (<c>--refresh-data</c>).</summary>
    public static RefreshableImageCollection RefreshableImages(string argument, int minSide, TextWriter log)
    {
        if (IdxDatasets.KnownLocations.ContainsKey(argument) || IsIdxFolder(argument))
            throw new ArgumentException($"--refresh-data needs image files (a folder, a .txt file list or a .tar shard); '{argument}' is an IDX dataset");
        if (!Directory.Exists(argument) && !File.Exists(argument)) throw new ArgumentException($"--data '{argument}' is not an existing path");
        var images = RefreshableImageCollection.Open(argument, minSide);
        log.WriteLine($"{images.Count} files under {argument}, re-listed before every epoch (unusable ones are skipped and counted)");
        return images;
    }

    private static bool IsIdxFolder(string path) => PretrainInputs.IsIdxFolder(path);

    public static DatasetSplits Load(string argument) => PretrainInputs.LoadIdx(argument);
}
