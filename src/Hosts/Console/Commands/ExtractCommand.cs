using System.CommandLine;
using System.Globalization;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Hosts.Console.Launch;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary><c>seer extract</c>: frozen-trunk features of every split and layer written once as safetensors, for the probes to reuse.</summary>
internal static class ExtractCommand
{
    public static Command Create(IServiceProvider services)
    {
        var data = new EvalDataOptions();
        data.Dataset.Required = true;
        var checkpoint = new Option<string>("--checkpoint") { Description = "trunk.safetensors, a checkpoint or run folder, or random:ARCH", Required = true };
        var layers = new Option<string>("--layers") { Description = "comma-separated: avgpool, conv1, res2 … res5 (res5:G for a G×G grid)", DefaultValueFactory = _ => "avgpool" };
        var output = new Option<string>("--out") { Description = "folder for {split}-{layer}.safetensors, {split}-keys.txt and manifest.json", Required = true };
        var seed = new Option<long>("--seed") { Description = "seed of random:ARCH weights", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "images per forward pass", DefaultValueFactory = _ => 256 };
        var ranks = new Option<int>("--ranks") { Description = "ranks on this machine: N > 1 runs mpirun -np N seer-worker extract (each rank a shard of every split, features all-gathered)", DefaultValueFactory = _ => 1 };
        var compute = new BackendArguments();
        var cmd = compute.AddTo(new Command("extract", "write frozen-trunk features (float32 [N, D] + int64 labels) of each split and layer")
        {
            checkpoint, data.Dataset, layers, output, data.Resolution, data.ValFraction, data.SplitSeed, seed, batch, ranks,
        });
        cmd.SetAction((r, cancel) => Task.FromResult(CliAction.Run(r, log =>
        {
            if (r.GetValue(checkpoint) == "pixels") throw new ArgumentException("seer extract needs a trunk (a checkpoint or random:ARCH); the pixels baseline is computed by the probes");
            int rankCount = r.GetValue(ranks);
            if (rankCount < 1) throw new ArgumentException($"--ranks must be at least 1 (got {rankCount})");
            if (rankCount > 1)
            {
                if (!compute.IsDefault(r))
                    throw new ArgumentException($"--ranks {rankCount} runs seer-worker ranks on the torchsharp backend (CPU); --backend {r.GetValue(compute.Backend)} --device {r.GetValue(compute.Device)} extracts in one process (--ranks 1)");
                List<string> args = ["extract", "--checkpoint", r.GetValue(checkpoint)!, "--dataset", r.GetValue(data.Dataset)!,
                    "--layers", r.GetValue(layers)!, "--out", Path.GetFullPath(r.GetValue(output)!),
                    "--val-fraction", r.GetValue(data.ValFraction).ToString("R", CultureInfo.InvariantCulture),
                    "--split-seed", r.GetValue(data.SplitSeed).ToString(CultureInfo.InvariantCulture),
                    "--seed", r.GetValue(seed).ToString(CultureInfo.InvariantCulture), "--batch", r.GetValue(batch).ToString(CultureInfo.InvariantCulture)];
                if (r.GetValue(data.Resolution) != 0) args.AddRange(["--resolution", r.GetValue(data.Resolution).ToString(CultureInfo.InvariantCulture)]);
                int exit = LocalMpiJob.Run(rankCount, args, log, r.InvocationConfiguration.Error, cancel);
                if (exit != 0) r.InvocationConfiguration.Error.WriteLine($"seer: error: the {rankCount}-rank job failed (mpirun exit code {exit})");
                return exit == 0 ? 0 : 1;
            }
            var backend = compute.Resolve(r, services);
            var source = r.GetValue(checkpoint)!;
            if (r.GetValue(batch) < 1) throw new ArgumentException($"--batch must be at least 1, got {r.GetValue(batch)}");
            var featureLayers = FeatureLayer.ParseList(r.GetValue(layers)!);
            var splits = data.Open(r);
            int side = data.SideFor(r, splits);
            var trunk = EvalCommands.LoadTrunk(backend, source, r.GetValue(seed), out var arch);
            foreach (var layer in featureLayers) layer.ValidateFor(trunk);
            log.WriteLine($"{splits.Name}: {splits.Train.Count} train, {splits.Test.Count} {splits.TestSplit} images, {splits.Classes} classes; {arch} at {side} px");
            var crops = new MultiCropOptions();
            var dir = r.GetValue(output)!;
            FeatureDirectory.Export(trunk, backend, splits, featureLayers, side, crops.Mean, crops.Std, dir, source, arch, log, r.GetValue(batch));
            log.WriteLine($"manifest → {Path.Combine(dir, FeatureManifest.FileName)}");
            return 0;
        })));
        return cmd;
    }
}
