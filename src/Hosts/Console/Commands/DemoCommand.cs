using System.CommandLine;
using System.Globalization;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Components.RegNet.Design;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary>
/// <c>seer demo</c>: the main job. Pretrains the <c>tiny</c> recipe with SwAV on Fashion-MNIST's training images
/// (labels unused), then trains linear probes and prints pretrained vs random-init trunk vs raw pixels.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(IServiceProvider services)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "run folder", DefaultValueFactory = _ => new DirectoryInfo("runs/demo") };
        var steps = new Option<long?>("--steps") { Description = "pretraining updates (default: the tiny recipe)" };
        var set = new Option<string[]>("--set") { Description = "override one setting: key=value (repeatable)" };
        var resume = new Option<bool>("--resume") { Description = "continue the pretraining in --out" };
        var compute = new BackendArguments();
        var cmd = compute.AddTo(new Command("demo", "pretrain on Fashion-MNIST (no labels), then linear-probe: pretrained vs random vs pixels") { output, steps, set, resume });
        cmd.SetAction((r, cancel) => Task.FromResult(CliAction.Run(r, log =>
        {
            var backend = compute.Resolve(r, services);
            var data = IdxDatasets.Load("fashion-mnist");
            var recipe = PretrainCommands.Recipe("tiny", null, r.GetValue(set) ?? [], r.GetValue(steps));
            var dir = r.GetValue(output)!.FullName;
            log.WriteLine($"pretraining {recipe.Arch} with SwAV on {data.Train.Count} unlabeled Fashion-MNIST images for {recipe.Steps} updates → {dir}");
            var result = new SwAVPretrainer(backend, recipe, new GrayDatasetImages(data.Train), dir, log)
                .RunAsync(r.GetValue(resume), cancel).GetAwaiter().GetResult();
            var probe = new LinearProbeOptions { Seed = recipe.Seed };
            var rows = new (string Name, string Checkpoint)[]
            {
                ("SwAV-pretrained trunk", result.Checkpoint!),
                ("random-init trunk", "random:" + recipe.Arch),
                ("raw pixels", "pixels"),
            };
            // the swav eval_linear feature (global average pool), and the last stage pooled to 2×2 (Goyal et al. 2019 style)
            // under BN on the features (VISSL eval_mlp); raw pixels get the same two probes (plain, then with BN)
            var stages = RegNetPresetStages(recipe.Arch);
            FeatureLayer[] layers = [FeatureLayer.AveragePool, new FeatureLayer(stages, FeatureLayer.DefaultGrid)];
            LinearProbeOptions[] protocols = [probe, probe with { BatchNorm = true }];
            log.WriteLine();
            log.WriteLine($"| features (frozen) | linear probe top-1, {layers[0].Name} | top-5 | linear probe top-1, {layers[1].Name} (2×2) + BN | top-5 |");
            log.WriteLine("|---|---:|---:|---:|---:|");
            var splits = LabeledSplits.From(data);
            int side = recipe.Crops.Sizes[0];
            foreach (var (name, checkpoint) in rows)
            {
                var results = checkpoint == "pixels"
                    ? [.. protocols.Select(p => EvalCommands.Probe(backend, checkpoint, data, side, int.MaxValue, p))]
                    : EvalCommands.FeaturesByLayer(backend, checkpoint, splits, side, int.MaxValue, probe.Seed, layers)
                        .Select((f, i) => LinearProbe.Run(backend, f.Train, f.Test, data.Train.Classes, protocols[i])).ToArray();
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {results[0].Top1:F2} % | {results[0].Top5:F2} % | {results[1].Top1:F2} % | {results[1].Top5:F2} % |"));
            }
            return 0;
        })));
        return cmd;
    }

    private static int RegNetPresetStages(string arch) => RegNetDesignSpace.Resolve(RegNetPresets.Get(arch).Params).Widths.Length;
}
