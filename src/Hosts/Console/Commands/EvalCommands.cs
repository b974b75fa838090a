using System.CommandLine;
using System.Globalization;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Components.Evaluation.Reports;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Components.RegNet.Design;
using Seer.Toolkit.Weights;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary><c>seer eval linear|knn|finetune|lowshot</c>: linear probe and kNN on frozen features (of a dataset, or stored by <c>seer extract</c>), fine-tuning and low-shot; trunks, random init and raw pixels alike.</summary>
internal static class EvalCommands
{
    public static Command Create(IServiceProvider services)
    {
        var eval = new Command("eval", "evaluate a trunk by transfer protocols");
        var data = new EvalDataOptions();
        var output = new EvalOutput();
        var checkpoint = new Option<string>("--checkpoint") { Description = "trunk.safetensors, a checkpoint folder, random:ARCH, or pixels" };
        var trainLimit = new Option<int>("--train-limit") { Description = "use the first N training images", DefaultValueFactory = _ => int.MaxValue };
        var epochs = new Option<int>("--epochs") { Description = "probe epochs", DefaultValueFactory = _ => new LinearProbeOptions().Epochs };
        var seed = new Option<long>("--seed") { Description = "probe seed (and random-init and subset seed)", DefaultValueFactory = _ => 0 };
        var layer = new Option<string>("--layer")
        {
            Description = "trunk feature: avgpool (default), conv1, res2 … res5 pooled to a 2×2 grid (res5:G for G×G)",
            DefaultValueFactory = _ => "avgpool",
        };
        var augment = new Option<bool>("--augment")
        {
            Description = "swav eval_linear's augmented protocol: the frozen trunk runs every step on RandomResizedCrop + flip (centre crop at test) instead of cached features",
        };
        var bn = new Option<bool>("--bn") { Description = "BN on the features before the linear layer (VISSL eval_mlp)" };
        var linear = new Command("linear", "linear classifier on frozen, pooled features (cached and standardised, or --augment)")
        {
            checkpoint, trainLimit, epochs, seed, layer, augment, bn,
        };
        var linearCompute = new BackendArguments();
        foreach (var o in data.ForEval.Concat(output.All)) linear.Options.Add(o);
        linearCompute.AddTo(linear);
        linear.SetAction(r => CliAction.Run(r, stdout =>
        {
            var backend = linearCompute.Resolve(r, services);
            var probe = new LinearProbeOptions { Epochs = r.GetValue(epochs), Seed = r.GetValue(seed), Augment = r.GetValue(augment), BatchNorm = r.GetValue(bn) };
            var settings = new List<KeyValuePair<string, object?>>
            {
                new("epochs", probe.Epochs), new("batch size", probe.BatchSize), new("learning rate (per 256)", probe.LearningRate),
                new("momentum", probe.Momentum), new("weight decay", probe.WeightDecay), new("schedule", "cosine to 0"),
                new("features", probe.Augment ? "RandomResizedCrop + flip every step (frozen trunk)" : "cached, standardised"),
                new("batch norm on features", probe.BatchNorm), new("layer", r.GetValue(layer)),
            };
            if (probe.Augment)
            {
                if (r.GetValue(layer) != "avgpool") throw new ArgumentException("--augment trains on the avgpool features; drop --layer");
                var images = ImageInputs(r, data, trainLimit, seed, checkpoint);
                var rows = images.Trunks(r, output).Select(cp => TransferRow(backend, cp, images, probe.ToFrozenTrunk() with { TestEveryEpoch = r.GetValue(output.Report) is not null }, r.GetValue(data.Fraction))).ToList();
                images.ReportSkipped(r);
                output.Emit(r, stdout, "linear", images.Dataset, probe.Seed, rows, images.Splits.Train.ClassNames, settings);
                return 0;
            }
            var inputs = Inputs(r, backend, data, checkpoint, trainLimit, seed, layer, output);
            var results = inputs.Sets.Select(set =>
            {
                var trace = r.GetValue(output.Report) is null ? null : new EvalTrace();         // per-epoch training scores cost a pass each
                return new ReportRow(set.Trunk, inputs.Fraction, LinearProbe.Run(backend, set.Train, set.Test, inputs.Classes, probe, trace), trace);
            }).ToList();
            output.Emit(r, stdout, "linear", inputs.Dataset, probe.Seed, results, inputs.ClassNames, settings);
            return 0;
        }));
        var k = new Option<int>("--k") { Description = "neighbours per test image", DefaultValueFactory = _ => new KnnOptions().K };
        var temperature = new Option<double>("--temperature") { Description = "vote weight exp(similarity / T)", DefaultValueFactory = _ => new KnnOptions().Temperature };
        var knn = new Command("knn", "weighted k-nearest neighbours on frozen, pooled features (cosine similarity, k = 20, T = 0.07)")
        {
            checkpoint, trainLimit, seed, layer, k, temperature,
        };
        var knnCompute = new BackendArguments();
        foreach (var o in data.ForEval.Concat(output.All)) knn.Options.Add(o);
        knnCompute.AddTo(knn);
        knn.SetAction(r => CliAction.Run(r, stdout =>
        {
            var backend = knnCompute.Resolve(r, services);
            var options = new KnnOptions { K = r.GetValue(k), Temperature = r.GetValue(temperature) }.Validate();
            var inputs = Inputs(r, backend, data, checkpoint, trainLimit, seed, layer, output);
            var results = inputs.Sets.Select(set =>
            {
                var trace = new EvalTrace();
                return new ReportRow(set.Trunk, inputs.Fraction, KnnClassifier.Run(backend, set.Train, set.Test, inputs.Classes, options, trace), trace);
            }).ToList();
            output.Emit(r, stdout, "knn", inputs.Dataset, r.GetValue(seed), results, inputs.ClassNames,
                [new("k", options.K), new("temperature", options.Temperature), new("similarity", "cosine"), new("layer", r.GetValue(layer))]);
            return 0;
        }));
        eval.Subcommands.Add(knn);
        eval.Subcommands.Add(linear);
        eval.Subcommands.Add(TransferCommands.FineTune(services));
        eval.Subcommands.Add(TransferCommands.LowShot(services));
        return eval;
    }

    /// <summary>Train/test features of the evaluated trunk and of each baseline.</summary>
    private sealed record ProbeInputs(string Dataset, int Classes, IReadOnlyList<string> ClassNames, double? Fraction,
        IReadOnlyList<(string Trunk, FeatureSet Train, FeatureSet Test)> Sets);

    /// <summary>
    /// The probes' train/test features from the command line: stored features (--features DIR), or a dataset and a
    /// checkpoint (and each --baseline), with the training split cut to the requested subset and limit. Skipped images
    /// are reported on stderr.
    /// </summary>
    private static ProbeInputs Inputs(ParseResult r, IBackend backend, EvalDataOptions data,
        Option<string> checkpointOption, Option<int> trainLimitOption, Option<long> seedOption, Option<string> layerOption, EvalOutput output)
    {
        long seed = r.GetValue(seedOption);
        int trainLimit = r.GetValue(trainLimitOption);
        var layer = FeatureLayer.Parse(r.GetValue(layerOption)!);
        var fraction = r.GetValue(data.Fraction);
        if (r.GetValue(data.Features) is { } dir)
        {
            if (r.GetValue(checkpointOption) is not null || r.GetValue(data.Dataset) is not null)
                throw new ArgumentException("--features DIR replaces --checkpoint and --dataset (the features record both)");
            if (r.GetValue(output.Baselines) is { Length: > 0 })
                throw new ArgumentException("--baseline needs --checkpoint and --dataset (stored features hold one trunk)");
            var subset = data.SubsetOf(r, seed);
            var stored = FeatureDirectory.Load(dir, layer);
            var rows = subset.Choose(stored.Dataset, stored.Train.Labels, stored.Classes, i => stored.TrainKeys[i]);
            var train = rows is null ? stored.Train : stored.Train.SelectRows(rows);
            if (trainLimit < train.Count) train = train.SelectRows([.. Enumerable.Range(0, trainLimit)]);
            return new ProbeInputs(stored.Dataset, stored.Classes, [.. Enumerable.Range(0, stored.Classes).Select(i => i.ToString(CultureInfo.InvariantCulture))],
                fraction, [("features:" + dir, train, stored.Test)]);
        }
        var images = ImageInputs(r, data, trainLimitOption, seedOption, checkpointOption);
        var sets = images.Checkpoints(r, output).Select(cp =>
        {
            var (train, test) = Features(backend, cp, images.Splits, images.Side, int.MaxValue, seed, layer);
            return (cp, train, test);
        }).ToList();
        images.ReportSkipped(r);
        return new ProbeInputs(images.Dataset, images.Splits.Classes, images.Splits.Train.ClassNames, fraction, sets);
    }

    /// <summary>The labelled images of an evaluation: the dataset's splits (training split cut to the subset and the limit), the input side, the trunks to evaluate.</summary>
    internal sealed record ImageEvalInputs(string Dataset, string Checkpoint, LabeledSplits Splits, int Side)
    {
        /// <summary>The evaluated checkpoint, then each --baseline.</summary>
        public IReadOnlyList<string> Checkpoints(ParseResult r, EvalOutput output) => [Checkpoint, .. r.GetValue(output.Baselines) ?? []];

        /// <summary>As <see cref="Checkpoints"/> for a protocol that trains on the trunk: pixels is refused before anything runs.</summary>
        public IReadOnlyList<string> Trunks(ParseResult r, EvalOutput output)
        {
            var all = Checkpoints(r, output);
            return all.Contains("pixels") ? throw new ArgumentException(NoTrunkForPixels) : all;
        }

        /// <summary>Writes the skipped-image lines of both splits to stderr.</summary>
        public void ReportSkipped(ParseResult r)
        {
            foreach (var (split, images) in new[] { ("train", Splits.Train), (Splits.TestSplit, Splits.Test) })
                if (SkippedImages.Describe(images, split) is { } message) r.InvocationConfiguration.Error.WriteLine($"seer: {message}");
        }
    }

    /// <summary>Opens --dataset with the subset (--fraction, --per-class, --subset) and --train-limit applied to the training split.</summary>
    internal static ImageEvalInputs ImageInputs(ParseResult r, EvalDataOptions data, Option<int> trainLimitOption, Option<long> seedOption,
        Option<string> checkpointOption, SubsetRequest? subset = null)
    {
        if (r.GetValue(data.Features) is not null) throw new ArgumentException("--features DIR holds cached features; this protocol trains on images (use --checkpoint and --dataset)");
        var source = r.GetValue(checkpointOption) ?? throw new ArgumentException("--checkpoint is required (or --features DIR)");
        var name = r.GetValue(data.Dataset) ?? throw new ArgumentException("--dataset is required (or --features DIR)");
        var splits = data.Open(r);
        var trainLabels = Enumerable.Range(0, splits.Train.Count).Select(splits.Train.Label).ToArray();
        if ((subset ?? data.SubsetOf(r, r.GetValue(seedOption))).Choose(splits.Name, trainLabels, splits.Classes, splits.Train.Key) is { } chosen)
            splits = splits with { Train = splits.Train.Select(chosen) };
        int trainLimit = r.GetValue(trainLimitOption);
        if (trainLimit < splits.Train.Count) splits = splits with { Train = splits.Train.Select([.. Enumerable.Range(0, Math.Max(0, trainLimit))]) };
        return new ImageEvalInputs(name, source, splits, data.SideFor(r, splits));
    }

    private const string NoTrunkForPixels = "pixels has no trunk to train; this protocol needs --checkpoint FILE|DIR|random:ARCH (pixels works with the cached linear probe and kNN)";

    /// <summary>Trains a head (and the trunk unless frozen) on the images for one checkpoint; pixels has no trunk to train.</summary>
    internal static ReportRow TransferRow(IBackend backend, string checkpoint, ImageEvalInputs images, FineTuneOptions options, double? fraction)
    {
        if (checkpoint == "pixels") throw new ArgumentException(NoTrunkForPixels);
        var trunk = LoadTrunk(backend, checkpoint, options.Seed);
        var crops = new MultiCropOptions();
        var trace = new EvalTrace();
        var result = TransferTraining.Run(backend, trunk, images.Splits.Train, images.Splits.Test, images.Side, crops.Mean, crops.Std, options, trace);
        return new ReportRow(checkpoint, fraction, result, trace);
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
        return FeaturesByLayer(backend, checkpoint, data, resolution, trainLimit, seed, [layer ?? FeatureLayer.AveragePool])[0];
    }

    /// <summary>Frozen trunk features of several layers, from one pass over the train and one over the test images.</summary>
    public static (FeatureSet Train, FeatureSet Test)[] FeaturesByLayer(IBackend backend, string checkpoint, LabeledSplits data, int resolution, int trainLimit,
        long seed, IReadOnlyList<FeatureLayer> layers)
    {
        var trunk = LoadTrunk(backend, checkpoint, seed);
        foreach (var l in layers) l.ValidateFor(trunk);
        var crops = new MultiCropOptions();
        var train = FeatureExtraction.TrunkLayers(trunk, backend, data.Train, resolution, crops.Mean, crops.Std, layers, limit: trainLimit);
        var test = FeatureExtraction.TrunkLayers(trunk, backend, data.Test, resolution, crops.Mean, crops.Std, layers);
        return [.. train.Zip(test)];
    }

    /// <summary>A trunk from a weight file or checkpoint folder (architecture from its metadata), or random:ARCH.</summary>
    public static RegNetModel LoadTrunk(IBackend backend, string checkpoint, long seed) => LoadTrunk(backend, checkpoint, seed, out _);

    /// <summary>As <see cref="LoadTrunk(IBackend, string, long)"/>, also giving the architecture's preset name.</summary>
    public static RegNetModel LoadTrunk(IBackend backend, string checkpoint, long seed, out string arch) =>
        TrunkSource.Load(backend, checkpoint, seed, out arch);
}
