using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Hosts.Worker;

/// <summary>The verbs of <c>seer-worker</c>; each runs one <see cref="WorkerJob"/> inside a generic host.</summary>
public static class WorkerCli
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Create()
    {
        var transport = new Option<string>("--transport")
        {
            Description = "auto (MPI when the launcher started several ranks), mpi, single",
            DefaultValueFactory = _ => "auto",
            Recursive = true,
        };
        transport.AcceptOnlyFromAmong(Transport.Names);
        var timeout = new Option<double>("--timeout-seconds")
        {
            Description = "collective timeout: a rank not reaching a collective within it is named and the job ends (0: wait forever)",
            DefaultValueFactory = _ => 0,
        };
        var root = new RootCommand("seer-worker: one rank of a distributed Seer.Toolkit job (start with mpirun or srun)")
        {
            transport, SelfTest(transport, timeout), Bench(transport, timeout), Fault(transport, timeout), Pretrain(transport), Extract(transport),
        };
        return root;
    }

    private static Command SelfTest(Option<string> transport, Option<double> timeout)
    {
        var cmd = new Command("selftest", "checks all-reduce (sum, max), broadcast, all-gather, split and bucketed all-reduce across the ranks") { timeout };
        cmd.SetAction((r, cancel) => RunAsync<SelfTestJob>(r.GetValue(transport)!, _ => { }, cancel, r.GetValue(timeout)));
        return cmd;
    }

    private static Command Bench(Option<string> transport, Option<double> timeout)
    {
        var sizes = new Option<int[]>("--sizes") { Description = "message sizes in MiB", DefaultValueFactory = _ => [1, 4, 16, 64], AllowMultipleArgumentsPerToken = true };
        var iterations = new Option<int>("--iterations") { Description = "timed all-reduces per size (median reported)", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "print one JSON line per row" };
        var cmd = new Command("bench", "all-reduce bandwidth (GB/s) for each size, plain and bucketed") { sizes, iterations, json, timeout };
        cmd.SetAction((r, cancel) =>
        {
            var options = new BandwidthOptions(r.GetValue(sizes)!, r.GetValue(iterations), r.GetValue(json));
            if (options.SizesMb.Length == 0 || options.SizesMb.Any(s => s < 1 || s > 1024) || options.Iterations < 1)
            {
                Console.Error.WriteLine("seer-worker: error: --sizes must be 1..1024 MiB and --iterations at least 1");
                return Task.FromResult(2);
            }
            return RunAsync<BandwidthBenchJob>(r.GetValue(transport)!, s => s.AddSingleton(options), cancel, r.GetValue(timeout));
        });
        return cmd;
    }

    private static Command Fault(Option<string> transport, Option<double> timeout)
    {
        var rank = new Option<int>("--rank") { Description = "the rank that kills itself", DefaultValueFactory = _ => 1 };
        var after = new Option<int>("--after-ms") { Description = "milliseconds of all-reduces before it does", DefaultValueFactory = _ => 1000 };
        var limit = new Option<int>("--limit-seconds") { Description = "the other ranks give up (exit 0) after this long", DefaultValueFactory = _ => 120 };
        var mode = new Option<string>("--mode")
        {
            Description = "kill: SIGKILL inside an all-reduce; error: the job throws; hang: the rank stops calling collectives; stop: SIGSTOP inside an all-reduce",
            DefaultValueFactory = _ => "kill",
        };
        mode.AcceptOnlyFromAmong(FaultDrillOptions.Modes);
        var cmd = new Command("fault", "fail-stop drill: one rank fails during all-reduces; every rank must end") { rank, after, limit, mode, timeout };
        cmd.SetAction((r, cancel) => RunAsync<FaultDrillJob>(r.GetValue(transport)!,
            s => s.AddSingleton(new FaultDrillOptions(r.GetValue(rank), r.GetValue(after), r.GetValue(limit), r.GetValue(mode)!)), cancel, r.GetValue(timeout)));
        return cmd;
    }

    private static Command Pretrain(Option<string> transport)
    {
        var config = new Option<FileInfo?>("--config") { Description = "JSON file of settings (keys as for --set)" };
        var preset = new Option<string>("--preset") { Description = $"recipe: {string.Join(", ", PretrainPresets.All.Keys)}", DefaultValueFactory = _ => "tiny" };
        var data = new Option<string>("--data") { Description = "a dataset name (fashion-mnist, mnist), a folder of IDX files, or images: a folder, a file list or a tar shard", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "run folder, shared by the ranks (rank 0 writes checkpoints, metrics.jsonl, settings.json)", Required = true };
        var steps = new Option<long?>("--steps") { Description = "number of updates (overrides the recipe)" };
        var set = new Option<string[]>("--set") { Description = "override one setting: key=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var deterministic = new Option<bool>("--deterministic") { Description = "fixed seeds and a fixed thread count per rank" };
        var resume = new Option<bool>("--resume") { Description = "continue from the latest checkpoint in --out" };
        var cmd = new Command("pretrain", "one rank of data-parallel SwAV pretraining (batch_size is the global batch; options as seer pretrain)")
        {
            config, preset, data, output, steps, set, deterministic, resume,
        };
        cmd.SetAction((r, cancel) => RunAsync<PretrainJob>(r.GetValue(transport)!, s => s
            .AddTorchSharpBackend()
            .AddSingleton(new PretrainJobOptions(r.GetValue(preset)!, r.GetValue(config)?.FullName, r.GetValue(set) ?? [], r.GetValue(steps),
                r.GetValue(data)!, r.GetValue(output)!.FullName, r.GetValue(deterministic), r.GetValue(resume))), cancel));
        return cmd;
    }

    private static Command Extract(Option<string> transport)
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "trunk.safetensors, a checkpoint or run folder, or random:ARCH", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "as seer extract --dataset", Required = true };
        var layers = new Option<string>("--layers") { Description = "comma-separated: avgpool, conv1, res2 … res5 (res5:G for a G×G grid)", DefaultValueFactory = _ => "avgpool" };
        var output = new Option<DirectoryInfo>("--out") { Description = "feature folder, shared by the ranks (rank 0 writes it)", Required = true };
        var resolution = new Option<int>("--resolution") { Description = "input side (default: 28 for IDX datasets, 224 for image files)" };
        var valFraction = new Option<double>("--val-fraction") { Description = "held-out share per class when the data has no split", DefaultValueFactory = _ => new LabeledDatasetOptions().ValFraction };
        var splitSeed = new Option<long>("--split-seed") { Description = "seed of that split", DefaultValueFactory = _ => 0 };
        var seed = new Option<long>("--seed") { Description = "seed of random:ARCH weights", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "images per forward pass on each rank", DefaultValueFactory = _ => 256 };
        var cmd = new Command("extract", "one rank of distributed feature extraction (each rank a shard; features all-gathered; rank 0 writes; options as seer extract)")
        {
            checkpoint, dataset, layers, output, resolution, valFraction, splitSeed, seed, batch,
        };
        cmd.SetAction((r, cancel) => RunAsync<ExtractJob>(r.GetValue(transport)!, s => s
            .AddTorchSharpBackend()
            .AddSingleton(new ExtractJobOptions(r.GetValue(checkpoint)!, r.GetValue(dataset)!, r.GetValue(layers)!, r.GetValue(output)!.FullName,
                r.GetValue(resolution), r.GetValue(valFraction), r.GetValue(splitSeed), r.GetValue(seed), r.GetValue(batch))), cancel));
        return cmd;
    }

    /// <summary>Opens the process group, runs <typeparamref name="TJob"/> as the host's background service, returns its exit code.</summary>
    private static async Task<int> RunAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TJob>(string transport, Action<IServiceCollection> configure, CancellationToken cancel,
        double timeoutSeconds = 0)
        where TJob : WorkerJob
    {
        if (!(timeoutSeconds >= 0) || double.IsInfinity(timeoutSeconds))
        {
            Console.Error.WriteLine($"seer-worker: error: --timeout-seconds must be a finite number >= 0 (got {timeoutSeconds})");
            return 2;
        }
        RankEnvironment environment;
        IProcessGroup group;
        try
        {
            environment = RankEnvironment.FromProcess();
            group = Transport.Open(transport, environment);
            if (timeoutSeconds > 0) group.CollectiveTimeout = TimeSpan.FromSeconds(timeoutSeconds);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or DllNotFoundException)
        {
            Console.Error.WriteLine($"seer-worker: error: {e.Message}");
            return 2;
        }
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Services.AddSingleton(environment);
        builder.Services.AddSingleton(group);
        var exit = new WorkerExitCode();
        builder.Services.AddSingleton(exit);
        builder.Services.AddHostedService<TJob>();
        configure(builder.Services);
        using (group)                                         // MPI_Finalize once the host has stopped
        using (var host = builder.Build())
            await host.RunAsync(cancel);
        return exit.Value;
    }
}
