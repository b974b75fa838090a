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

/// <summary><c>seer eval linear|knn</c>: linear probe and kNN on frozen features; trunks, random init and raw pixels alike.</summary>
internal static class EvalCommands
{
    public static Command Create(IServiceProvider services)
    {
        var eval = new Command("eval", "evaluate a trunk by transfer protocols");
        var checkpoint = new Option<string>("--checkpoint") { Description = "trunk.safetensors, a checkpoint folder, random:ARCH, or pixels", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "fashion-mnist, mnist, or a folder of IDX files", Required = true };
        var json = new Option<bool>("--json") { Description = "print JSON (protocol, dataset, top1, top5, train_images, test_images, seed)" };
        var trainLimit = new Option<int>("--train-limit") { Description = "use the first N training images", DefaultValueFactory = _ => int.MaxValue };
        var epochs = new Option<int>("--epochs") { Description = "probe epochs", DefaultValueFactory = _ => 30 };
        var resolution = new Option<int>("--resolution") { Description = "input side for the trunk", DefaultValueFactory = _ => 28 };
        var seed = new Option<long>("--seed") { Description = "probe seed (and random-init seed)", DefaultValueFactory = _ => 0 };
        var layer = new Option<string>("--layer")
        {
            Description = "trunk feature: avgpool (default), conv1, res2 … res5 pooled to a 2×2 grid (res5:G for G×G)",
            DefaultValueFactory = _ => "avgpool",
        };
        var linear = new Command("linear", "linear classifier on frozen, pooled features (cached, standardised)")
        {
            checkpoint, dataset, json, trainLimit, epochs, resolution, seed, layer,
        };
        linear.SetAction(r => CliAction.Run(r, output =>
        {
            var backend = services.GetRequiredService<IBackend>();
            var name = r.GetValue(dataset)!;
            var data = DataArguments.Load(name);
            var result = Probe(backend, r.GetValue(checkpoint)!, data, r.GetValue(resolution), r.GetValue(trainLimit),
                new LinearProbeOptions { Epochs = r.GetValue(epochs), Seed = r.GetValue(seed) }, FeatureLayer.Parse(r.GetValue(layer)!));
            Report(output, "linear", name, result, r.GetValue(seed), r.GetValue(json));
            return 0;
        }));
        var k = new Option<int>("--k") { Description = "neighbours per test image", DefaultValueFactory = _ => new KnnOptions().K };
        var temperature = new Option<double>("--temperature") { Description = "vote weight exp(similarity / T)", DefaultValueFactory = _ => new KnnOptions().Temperature };
        var knn = new Command("knn", "weighted k-nearest neighbours on frozen, pooled features (cosine similarity, k = 20, T = 0.07)")
        {
            checkpoint, dataset, json, trainLimit, resolution, seed, layer, k, temperature,
        };
        knn.SetAction(r => CliAction.Run(r, output =>
        {
            var backend = services.GetRequiredService<IBackend>();
            var name = r.GetValue(dataset)!;
            var data = DataArguments.Load(name);
            var options = new KnnOptions { K = r.GetValue(k), Temperature = r.GetValue(temperature) }.Validate();
            var (train, test) = Features(backend, r.GetValue(checkpoint)!, data, r.GetValue(resolution), r.GetValue(trainLimit), r.GetValue(seed),
                FeatureLayer.Parse(r.GetValue(layer)!));
            Report(output, "knn", name, KnnClassifier.Run(backend, train, test, data.Train.Classes, options), r.GetValue(seed), r.GetValue(json));
            return 0;
        }));
        eval.Subcommands.Add(knn);
        eval.Subcommands.Add(linear);
        return eval;
    }

    /// <summary>Extracts features for <paramref name="checkpoint"/> (a file, random:ARCH or pixels) and runs the probe.</summary>
    public static ProbeResult Probe(IBackend backend, string checkpoint, DatasetSplits data, int resolution, int trainLimit, LinearProbeOptions options,
        FeatureLayer? layer = null)
    {
        var (train, test) = Features(backend, checkpoint, data, resolution, trainLimit, options.Seed, layer);
        return LinearProbe.Run(backend, train, test, data.Train.Classes, options);
    }

    /// <summary>
    /// Frozen features of the train (first <paramref name="trainLimit"/>) and test images: one trunk layer (default: the
    /// global-average-pooled last stage) or raw pixels.
    /// </summary>
    public static (FeatureSet Train, FeatureSet Test) Features(IBackend backend, string checkpoint, DatasetSplits data, int resolution, int trainLimit, long seed,
        FeatureLayer? layer = null)
    {
        if (checkpoint == "pixels") return (FeatureExtraction.Pixels(data.Train, trainLimit), FeatureExtraction.Pixels(data.Test));
        var trunk = LoadTrunk(backend, checkpoint, seed);
        var crops = new MultiCropOptions();
        FeatureLayer[] layers = [layer ?? FeatureLayer.AveragePool];
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
    public static RegNetModel LoadTrunk(IBackend backend, string checkpoint, long seed)
    {
        if (checkpoint.StartsWith("random:", StringComparison.Ordinal))
            return RegNetModel.FromPreset(ArchOf(checkpoint["random:".Length..]), 0).Materialize(backend, seed);
        var path = PretrainCheckpoint.ResolveTrunkFile(checkpoint);
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        string arch;
        using (var reader = SafetensorsReader.Open(path))
            arch = reader.Metadata.TryGetValue("arch", out var a) ? a
                : throw new ArgumentException($"{path} has no 'arch' metadata; evaluate it with random:ARCH weights loaded by code instead");
        var trunk = RegNetModel.FromPreset(ArchOf(arch), 0).Materialize(backend, seed);
        ComponentCheckpoint.Load(trunk, path, new StateMatchOptions { AllowUnexpectedHead = true });
        return trunk;
    }

    /// <summary>A RegNet preset name, or a pretraining preset's trunk.</summary>
    private static string ArchOf(string name) =>
        RegNetPresets.Names.Contains(name, StringComparer.OrdinalIgnoreCase) ? name
        : PretrainPresets.All.TryGetValue(name, out var recipe) ? recipe.Arch
        : throw new KeyNotFoundException($"unknown architecture '{name}'; known: {string.Join(", ", RegNetPresets.Names.Concat(PretrainPresets.All.Keys))}");
}
