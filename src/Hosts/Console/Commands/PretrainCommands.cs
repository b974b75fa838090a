using System.CommandLine;
using System.Globalization;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Data;
using Seer.Toolkit.Hosts.Console.Launch;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary><c>seer pretrain</c>: SwAV pretraining of a RegNetY trunk on unlabeled images.</summary>
internal static class PretrainCommands
{
    public static Command Create(IServiceProvider services)
    {
        var config = new Option<FileInfo?>("--config") { Description = "JSON file of settings (keys as for --set)" };
        var preset = new Option<string>("--preset") { Description = $"recipe: {string.Join(", ", PretrainPresets.All.Keys)}", DefaultValueFactory = _ => "tiny" };
        var data = new Option<string>("--data") { Description = "a dataset name (fashion-mnist, mnist), a folder of IDX files, or images: a folder, a file list or a tar shard", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "run folder (checkpoints, metrics.jsonl, settings.json)", Required = true };
        var steps = new Option<long?>("--steps") { Description = "number of updates (overrides the recipe)" };
        var set = new Option<string[]>("--set") { Description = "override one setting: key=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var deterministic = new Option<bool>("--deterministic") { Description = "fixed seeds and a fixed thread count: reruns and resumes are bit-identical" };
        var resume = new Option<bool>("--resume") { Description = "continue from the latest checkpoint in --out" };
        var refresh = new Option<bool>("--refresh-data") { Description = "re-list --data (a folder, file list or tar) before every epoch: new files are used, removed ones dropped; each epoch's listing is kept in OUT/listings" };
        var ranks = new Option<int>("--ranks") { Description = "data-parallel ranks on this machine: N > 1 runs mpirun -np N seer-worker pretrain (batch_size stays the global batch); 1 trains in this process", DefaultValueFactory = _ => 1 };
        var compute = new BackendArguments();
        var cmd = compute.AddTo(new Command("pretrain", "SwAV pretraining on unlabeled images (labels, if any, are ignored)")
        {
            config, preset, data, output, steps, set, deterministic, resume, refresh, ranks,
        });
        cmd.SetAction((r, cancel) => Task.FromResult(CliAction.Run(r, log =>
        {
            var options = Recipe(r.GetValue(preset)!, r.GetValue(config), r.GetValue(set) ?? [], r.GetValue(steps));
            int rankCount = r.GetValue(ranks);
            if (rankCount < 1) throw new ArgumentException($"--ranks must be at least 1 (got {rankCount})");
            if (rankCount > 1)
            {
                if (!compute.IsDefault(r))
                    throw new ArgumentException($"--ranks {rankCount} runs seer-worker ranks on the torchsharp backend (CPU); --backend {r.GetValue(compute.Backend)} --device {r.GetValue(compute.Device)} trains in one process (--ranks 1)");
                if (r.GetValue(refresh)) throw new ArgumentException("--refresh-data runs in one process; it cannot be combined with --ranks > 1");
                if (options.BatchSize % rankCount != 0)
                    throw new ArgumentException($"batch_size {options.BatchSize} (the global batch) is not divisible by --ranks {rankCount}");
                List<string> args = ["pretrain", "--preset", r.GetValue(preset)!, "--data", r.GetValue(data)!, "--out", r.GetValue(output)!.FullName];
                if (r.GetValue(config) is { } file) args.AddRange(["--config", file.FullName]);
                if (r.GetValue(steps) is { } n) args.AddRange(["--steps", n.ToString(CultureInfo.InvariantCulture)]);
                foreach (var kv in r.GetValue(set) ?? []) args.AddRange(["--set", kv]);
                if (r.GetValue(deterministic)) args.Add("--deterministic");
                if (r.GetValue(resume)) args.Add("--resume");
                int exit = LocalMpiJob.Run(rankCount, args, log, r.InvocationConfiguration.Error, cancel);
                if (exit != 0) r.InvocationConfiguration.Error.WriteLine($"seer: error: the {rankCount}-rank job failed (mpirun exit code {exit})");
                return exit == 0 ? 0 : 1;
            }
            var backend = compute.Resolve(r, services);
            IImageCollection images = r.GetValue(refresh)
                ? DataArguments.RefreshableImages(r.GetValue(data)!, options.Crops.Sizes.Max(), log)
                : DataArguments.PretrainImages(r.GetValue(data)!, options.Crops.Sizes.Max(), log);
            if (r.GetValue(deterministic))
            {
                backend.ManualSeed(options.Seed);
                backend.Threads = Math.Max(1, Environment.ProcessorCount);
            }
            var outDir = r.GetValue(output)!.FullName;
            var trainer = new SwAVPretrainer(backend, options, images, outDir, log);
            var result = (images is RefreshableImageCollection live
                ? EpochRefreshingRun.RunAsync(trainer, options, live, outDir, r.GetValue(resume), log, cancel)
                : trainer.RunAsync(r.GetValue(resume), cancel)).GetAwaiter().GetResult();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"done: {result.Steps} updates, last loss {result.LastLoss:F4}, {result.BadSteps} skipped, {result.Elapsed:hh\\:mm\\:ss}; checkpoint {result.Checkpoint}"));
            return 0;
        })));
        return cmd;
    }

    /// <summary>Preset, then the config file, then --set pairs, then --steps.</summary>
    public static PretrainOptions Recipe(string preset, FileInfo? config, IEnumerable<string> sets, long? steps) =>
        PretrainInputs.Recipe(preset, config?.FullName, sets, steps);
}
