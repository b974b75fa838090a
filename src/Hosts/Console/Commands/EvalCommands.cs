using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Components.RegNet.Design;
using Seer.Toolkit.Weights;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary><c>seer eval linear|knn</c>: linear probe and kNN on frozen features (of a dataset, or stored by <c>seer extract</c>); trunks, random init and raw pixels alike.</summary>
internal static class EvalCommands
{
    public static Command Create(IServiceProvider services)
    {
        var eval = new Command("eval", "evaluate a trunk by transfer protocols");
        var data = new EvalDataOptions();
        var checkpoint = new Option<string>("--checkpoint") { Description = "trunk.safetensors, a checkpoint folder, random:ARCH, or pixels" };
        var json = new Option<bool>("--json") { Description = "print JSON (protocol, dataset, top1, top5, train_images, test_images, seed)" };
        var trainLimit = new Option<int>("--train-limit") { Description = "use the first N training images", DefaultValueFactory = _ => int.MaxValue };
        var epochs = new Option<int>("--epochs") { Description = "probe epochs", DefaultValueFactory = _ => 30 };
        var seed = new Option<long>("--seed") { Description = "probe seed (and random-init and subset seed)", DefaultValueFactory = _ => 0 };
        var layer = new Option<string>("--layer")
        {
            Description = "trunk feature: avgpool (default), conv1, res2 … res5 pooled to a 2×2 grid (res5:G for G×G)",
            DefaultValueFactory = _ => "avgpool",
        };
        var linear = new Command("linear", "linear classifier on frozen, pooled features (cached, standardised)")
        {
            checkpoint, json, trainLimit, epochs, seed, layer,
        };
        foreach (var o in data.ForEval) linear.Options.Add(o);
        linear.SetAction(r => CliAction.Run(r, output =>
        {
            var backend = services.GetRequiredService<IBackend>();
            var inputs = Inputs(r, backend, data, checkpoint, trainLimit, seed, layer);
            var result = LinearProbe.Run(backend, inputs.Train, inputs.Test, inputs.Classes, new LinearProbeOptions { Epochs = r.GetValue(epochs), Seed = r.GetValue(seed) });
            Report(output, "linear", inputs.Dataset, result, r.GetValue(seed), r.GetValue(json));
            return 0;
        }));
        var k = new Option<int>("--k") { Description = "neighbours per test image", DefaultValueFactory = _ => new KnnOptions().K };
        var temperature = new Option<double>("--temperature") { Description = "vote weight exp(similarity / T)", DefaultValueFactory = _ => new KnnOptions().Temperature };
        var knn = new Command("knn", "weighted k-nearest neighbours on frozen, pooled features (cosine similarity, k = 20, T = 0.07)")
        {
            checkpoint, json, trainLimit, seed, layer, k, temperature,
        };
        foreach (var o in data.ForEval) knn.Options.Add(o);
        knn.SetAction(r => CliAction.Run(r, output =>
        {
            var backend = services.GetRequiredService<IBackend>();
            var options = new KnnOptions { K = r.GetValue(k), Temperature = r.GetValue(temperature) }.Validate();
            var inputs = Inputs(r, backend, data, checkpoint, trainLimit, seed, layer);
            Report(output, "knn", inputs.Dataset, KnnClassifier.Run(backend, inputs.Train, inputs.Test, inputs.Classes, options), r.GetValue(seed), r.GetValue(json));
            return 0;
        }));
        eval.Subcommands.Add(knn);
        eval.Subcommands.Add(linear);
        return eval;
    }

    /// <summary>
    /// The probe's train/test features from the command line: stored features (--features DIR), or a dataset and a
    /// checkpoint, with the training split cut to the requested subset and limit. Skipped images are reported on stderr.
    /// </summary>
    private static (string Dataset, FeatureSet Train, FeatureSet Test, int Classes) Inputs(ParseResult r, IBackend backend, EvalDataOptions data,
        Option<string> checkpointOption, Option<int> trainLimitOption, Option<long> seedOption, Option<string> layerOption)
    {
        long seed = r.GetValue(seedOption);
        int trainLimit = r.GetValue(trainLimitOption);
        var layer = FeatureLayer.Parse(r.GetValue(layerOption)!);
        var subset = data.SubsetOf(r, seed);
        var error = r.InvocationConfiguration.Error;
        if (r.GetValue(data.Features) is { } dir)
        {
            if (r.GetValue(checkpointOption) is not null || r.GetValue(data.Dataset) is not null)
                throw new ArgumentException("--features DIR replaces --checkpoint and --dataset (the features record both)");
            var stored = FeatureDirectory.Load(dir, layer);
            var rows = subset.Choose(stored.Dataset, stored.Train.Labels, stored.Classes, i => stored.TrainKeys[i]);
            var train = rows is null ? stored.Train : stored.Train.SelectRows(rows);
            if (trainLimit < train.Count) train = train.SelectRows([.. Enumerable.Range(0, trainLimit)]);
            return (stored.Dataset, train, stored.Test, stored.Classes);
        }
        var source = r.GetValue(checkpointOption) ?? throw new ArgumentException("--checkpoint is required (or --features DIR)");
        var name = r.GetValue(data.Dataset) ?? throw new ArgumentException("--dataset is required (or --features DIR)");
        var splits = data.Open(r);
        var trainLabels = Enumerable.Range(0, splits.Train.Count).Select(splits.Train.Label).ToArray();
        if (subset.Choose(splits.Name, trainLabels, splits.Classes, splits.Train.Key) is { } chosen)
            splits = splits with { Train = splits.Train.Select(chosen) };
        var (trainFeatures, testFeatures) = Features(backend, source, splits, data.SideFor(r, splits), trainLimit, seed, layer);
        foreach (var (split, images) in new[] { ("train", splits.Train), (splits.TestSplit, splits.Test) })
            if (SkippedImages.Describe(images, split) is { } message) error.WriteLine($"seer: {message}");
        return (name, trainFeatures, testFeatures, splits.Classes);
    }

    /// <summary>Extracts features for <paramref name="checkpoint"/> (a file, random:ARCH or pixels) and runs the probe.</summary>
    public static ProbeResult Probe(IBackend backend, string checkpoint, DatasetSplits data, int resolution, int trainLimit, LinearProbeOptions options,
        FeatureLayer? layer = null)
    {
        var (train, test) = Features(backend, checkpoint, LabeledSplits.From(data), resolution, trainLimit, options.Seed, layer);
        return LinearProbe.Run(backend, train, test, data.Train.Classes, options);
    }

    /// <summary>
    /// Frozen features of the train (first <paramref name="trainLimit"/>) and test images: one trunk layer (default: the
    /// global-average-pooled last stage) or raw pixels. The checkpoint is loaded (and its architecture checked) before
    /// any image is read.
    /// </summary>
    public static (FeatureSet Train, FeatureSet Test) Features(IBackend backend, string checkpoint, LabeledSplits data, int resolution, int trainLimit, long seed,
        FeatureLayer? layer = null)
    {
        if (checkpoint == "pixels") return (FeatureExtraction.Pixels(data.Train, resolution, trainLimit), FeatureExtraction.Pixels(data.Test, resolution));
        var trunk = LoadTrunk(backend, checkpoint, seed);
        var crops = new MultiCropOptions();
        FeatureLayer[] layers = [(layer ?? FeatureLayer.AveragePool).ValidateFor(trunk)];
        return (FeatureExtraction.TrunkLayers(trunk, backend, data.Train, resolution, crops.Mean, crops.Std, layers, limit: trainLimit)[0],
            FeatureExtraction.TrunkLayers(trunk, backend, data.Test, resolution, crops.Mean, crops.Std, layers)[0]);
    }

    /// <summary>Prints a result as a line or as the JSON object of the evaluation protocols.</summary>
    private static void Report(TextWriter output, string protocol, string dataset, ProbeResult result, long seed, bool json)
    {
        if (!json)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(protocol == "linear" ? "linear probe" : protocol)} on {dataset}: top-1 {result.Top1:F2} %, top-5 {result.Top5:F2} % ({result.TrainCount} train, {result.TestCount} test)"));
            return;
        }
        JsonOutput.Write(output, w =>
        {
            w.WriteString("protocol", protocol);
            w.WriteString("dataset", dataset);
            w.WriteNumber("top1", Math.Round(result.Top1, 2));
            w.WriteNumber("top5", Math.Round(result.Top5, 2));
            w.WriteNumber("train_images", result.TrainCount);
            w.WriteNumber("test_images", result.TestCount);
            w.WriteNumber("seed", seed);
        });
    }

    /// <summary>A trunk from a weight file or checkpoint folder (architecture from its metadata), or random:ARCH.</summary>
    public static RegNetModel LoadTrunk(IBackend backend, string checkpoint, long seed) => LoadTrunk(backend, checkpoint, seed, out _);

    /// <summary>As <see cref="LoadTrunk(IBackend, string, long)"/>, also giving the architecture's preset name.</summary>
    public static RegNetModel LoadTrunk(IBackend backend, string checkpoint, long seed, out string arch)
    {
        if (checkpoint.StartsWith("random:", StringComparison.Ordinal))
        {
            arch = ArchOf(checkpoint["random:".Length..]);
            return RegNetModel.FromPreset(arch, 0).Materialize(backend, seed);
        }
        var path = PretrainCheckpoint.ResolveTrunkFile(checkpoint);
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        using (var reader = SafetensorsReader.Open(path))
            arch = reader.Metadata.TryGetValue("arch", out var a) ? ArchOf(a)
                : throw new ArgumentException($"{path} has no 'arch' metadata; evaluate it with random:ARCH weights loaded by code instead");
        var trunk = RegNetModel.FromPreset(arch, 0).Materialize(backend, seed);
        ComponentCheckpoint.Load(trunk, path, new StateMatchOptions { AllowUnexpectedHead = true });
        return trunk;
    }

    /// <summary>A RegNet preset name, or a pretraining preset's trunk.</summary>
    private static string ArchOf(string name) =>
        RegNetPresets.Names.Contains(name, StringComparer.OrdinalIgnoreCase) ? name
        : PretrainPresets.All.TryGetValue(name, out var recipe) ? recipe.Arch
        : throw new KeyNotFoundException($"unknown architecture '{name}'; known: {string.Join(", ", RegNetPresets.Names.Concat(PretrainPresets.All.Keys))}");
}
