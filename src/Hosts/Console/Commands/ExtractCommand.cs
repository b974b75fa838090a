using System.CommandLine;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Evaluation;

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
        var compute = new BackendArguments();
        var cmd = compute.AddTo(new Command("extract", "write frozen-trunk features (float32 [N, D] + int64 labels) of each split and layer")
        {
            checkpoint, data.Dataset, layers, output, data.Resolution, data.ValFraction, data.SplitSeed, seed, batch,
        });
        cmd.SetAction(r => CliAction.Run(r, log =>
        {
            var backend = compute.Resolve(r, services);
            var source = r.GetValue(checkpoint)!;
            if (source == "pixels") throw new ArgumentException("seer extract needs a trunk (a checkpoint or random:ARCH); the pixels baseline is computed by the probes");
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
        }));
        return cmd;
    }
}
