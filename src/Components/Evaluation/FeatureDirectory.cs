using System.Globalization;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Data;
using Seer.Toolkit.Distributed;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// A folder of extracted features: for each split and layer <c>{split}-{layer}.safetensors</c> (<see cref="FeatureFile"/>),
/// <c>{split}-keys.txt</c> (the key of each row) and <c>manifest.json</c> (<see cref="FeatureManifest"/>), each written
/// atomically; the manifest last, so a folder with a manifest is complete.
/// </summary>
public static class FeatureDirectory
{
    /// <summary>
    /// Extracts <paramref name="layers"/> of both splits with a frozen trunk and writes the folder; <paramref name="log"/> gets one
    /// line per file. With a <paramref name="group"/> of several ranks (collective) each rank extracts a shard
    /// (<see cref="ShardedFeatureExtraction"/>) and rank 0 alone writes.
    /// </summary>
    public static FeatureManifest Export(RegNetModel trunk, IBackend backend, LabeledSplits data, IReadOnlyList<FeatureLayer> layers, int side,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> std, string outDir, string checkpoint, string arch, TextWriter? log = null, int batch = 256,
        IProcessGroup? group = null)
    {
        bool writes = group is null || group.Rank == 0;
        if (!writes) log = null;
        if (writes) Directory.CreateDirectory(outDir);
        var splits = new List<FeatureSplitEntry>();
        foreach (var (name, split) in new[] { ("train", data.Train), (data.TestSplit, data.Test) })
        {
            var (extracted, skipped) = group is { Size: > 1 }
                ? ShardedFeatureExtraction.Extract(group, trunk, backend, split, side, mean, std, layers, batch)
                : (FeatureExtraction.Extract(trunk, backend, split, side, mean, std, layers, batch), split.Skipped);
            if (writes)
            {
                for (int l = 0; l < layers.Count; l++)
                {
                    var path = Path.Combine(outDir, FeatureFile.FileName(name, layers[l]));
                    FeatureFile.Write(path, extracted.Layers[l], extracted.Rows, new Dictionary<string, string>
                    {
                        ["layer"] = layers[l].Name,
                        ["dataset"] = data.Name,
                        ["split"] = name,
                        ["checkpoint"] = checkpoint,
                        ["arch"] = arch,
                        ["classes"] = data.Classes.ToString(CultureInfo.InvariantCulture),
                    });
                    log?.WriteLine($"{name} {layers[l].Name}: [{extracted.Layers[l].Count}, {extracted.Layers[l].Dim}] → {path}");
                }
                PretrainCheckpoint.WriteAtomically(Path.Combine(outDir, KeysFile(name)), string.Concat(extracted.Rows.Select(r => split.Key(r) + "\n")));
            }
            if (SkippedImages.Describe(skipped, split.Count, split.Name, name) is { } message) log?.WriteLine(message);
            splits.Add(new FeatureSplitEntry(name, split.Count, extracted.Rows.Length,
                skipped.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key.ToName(), kv => kv.Value)));
        }
        var manifest = new FeatureManifest(data.Name, checkpoint, arch, side, data.Train.ClassNames, [.. layers.Select(l => l.Name)], splits);
        if (writes) PretrainCheckpoint.WriteAtomically(Path.Combine(outDir, FeatureManifest.FileName), manifest.ToJson());
        group?.Barrier();                                                    // the folder is complete when every rank returns
        return manifest;
    }

    /// <summary>Reads the training and held-out features of <paramref name="layer"/>; a layer not exported is an error listing those that were.</summary>
    public static StoredFeatures Load(string dir, FeatureLayer layer)
    {
        var manifest = FeatureManifest.Read(dir);
        if (!manifest.Layers.Contains(layer.Name, StringComparer.Ordinal))
            throw new ArgumentException($"features in {dir} hold layers {string.Join(", ", manifest.Layers)}; not {layer.Name}");
        FeatureSet Split(string split)
        {
            var (set, _, metadata) = FeatureFile.Read(Path.Combine(dir, FeatureFile.FileName(split, layer)));
            if (metadata.GetValueOrDefault("layer") != layer.Name || metadata.GetValueOrDefault("split") != split)
                throw new InvalidDataException($"{dir}: {FeatureFile.FileName(split, layer)} says layer {metadata.GetValueOrDefault("layer")}, split {metadata.GetValueOrDefault("split")}");
            return set;
        }
        var train = Split(manifest.Splits[0].Name);
        var test = Split(manifest.Splits[1].Name);
        var keysPath = Path.Combine(dir, KeysFile(manifest.Splits[0].Name));
        var keys = File.Exists(keysPath) ? File.ReadAllLines(keysPath) : [];
        if (keys.Length != train.Count) throw new InvalidDataException($"{keysPath}: {keys.Length} keys for {train.Count} training rows");
        return new StoredFeatures(manifest.Dataset, manifest.Splits[1].Name, manifest.ClassNames.Count, train, test, keys);
    }

    private static string KeysFile(string split) => $"{split}-keys.txt";
}
