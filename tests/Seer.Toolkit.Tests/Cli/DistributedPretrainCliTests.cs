using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Seer.Toolkit.Tests.Data;
using Xunit.Abstractions;

namespace Seer.Toolkit.Tests.Cli;

/// <summary>
/// Acceptance of data-parallel pretraining through the CLI: `seer pretrain --ranks 2` (mpirun, two seer-worker ranks,
/// per-rank batch 4, SyncBatchNorm over both) ends with the weights of `--ranks 1` with the global batch 8; a rank killed
/// mid-run ends the job, and `--resume` finishes it as an uninterrupted 2-rank run.
/// </summary>
public sealed partial class DistributedPretrainCliTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);       // a guard: about 1 minute per run on 2 idle cores
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Images()
    {
        var images = Path.Combine(_temp.Path, "images");
        for (int i = 0; i < 16; i++) TestImageFiles.Write(images, i);        // two global batches of 8 per epoch
        return images;
    }

    private static string[] Args(string images, string outDir, int steps, int ranks, params string[] more) =>
        ["pretrain", "--preset", "micro", "--data", images, "--out", outDir, "--steps", $"{steps}", "--deterministic",
         "--set", "precision=fp32", "--set", "batch_size=8", "--ranks", $"{ranks}", .. more];

    [Fact]
    public async Task Two_ranks_with_half_batches_end_with_the_weights_of_one_rank_with_the_whole_batch()
    {
        WorkerLauncherCheck();
        var images = Images();
        var (a, b, c) = (Path.Combine(_temp.Path, "A"), Path.Combine(_temp.Path, "B"), Path.Combine(_temp.Path, "C"));
        // C: the 1-rank run again with another libtorch thread count (--deterministic uses one thread per core): the same
        // arithmetic summed in another order, i.e. the float32 noise floor of the single-process run itself
        var otherThreads = new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = Environment.ProcessorCount == 1 ? "2" : "1" };
        var runs = await Task.WhenAll(SeerProcess.RunAsync(Limit, Args(images, a, 20, 2)), SeerProcess.RunAsync(Limit, Args(images, b, 20, 1)));
        var floorRun = await SeerProcess.RunAsync(Limit, otherThreads, Args(images, c, 20, 1));
        Assert.True(runs[0].Exit == 0, $"--ranks 2 failed:\n{runs[0].Output}");
        Assert.True(runs[1].Exit == 0, $"--ranks 1 failed:\n{runs[1].Output}");
        Assert.True(floorRun.Exit == 0, $"--ranks 1 with another thread count failed:\n{floorRun.Output}");
        Assert.Contains("data-parallel over 2 ranks (mpi)", runs[0].Output);
        Assert.Single(Regex.Matches(runs[0].Output, @"^step 20/20 ", RegexOptions.Multiline));    // rank 0's progress only
        Assert.DoesNotContain("NNPACK", runs[0].Output);
        Assert.Equal(FinalLoss(runs[1].Output), FinalLoss(runs[0].Output), 3);

        var files = new[] { "trunk.safetensors", "head.safetensors" };
        var diffs = files.Select(f => Diff(a, b, f)).ToArray();
        var floors = files.Select(f => Diff(c, b, f)).ToArray();
        // Element-wise max_rel of fp32 runs is set by elements that are rounding noise around 0 (a bias in front of a batch
        // norm has exact gradient 0, and LARS scales its noise up): 1e-3 to 1e-2 between two 1-rank runs that differ only in
        // thread count. So each bound is 1e-4 or ten times that noise floor, whichever is larger (element-wise: the larger
        // floor of the two files, which share the mechanism). A real fault (gradients summed instead of averaged, batch norm
        // statistics of half batches) moves whole tensors by 1e-2 or more.
        double elementFloor = floors.Max(f => f.GetProperty("max_rel").GetDouble());
        for (int i = 0; i < files.Length; i++)
        {
            output.WriteLine($"{files[i]}: 2 ranks vs 1: {diffs[i]}\n1 rank, other thread count, vs 1: {floors[i]}");
            double rel = diffs[i].GetProperty("max_rel").GetDouble(), tensorRel = diffs[i].GetProperty("max_rel_tensor").GetDouble();
            double floorTensorRel = floors[i].GetProperty("max_rel_tensor").GetDouble();
            Assert.True(tensorRel <= Math.Max(1e-4, 10 * floorTensorRel),
                $"{files[i]}: max_rel_tensor {tensorRel:E3} ({diffs[i].GetProperty("max_rel_tensor_key")}) vs floor {floorTensorRel:E3}");
            Assert.True(rel <= Math.Max(1e-4, 10 * elementFloor), $"{files[i]}: max_rel {rel:E3} vs floor {elementFloor:E3}");
        }
    }

    [Fact]
    public async Task A_rank_stopped_mid_run_is_named_and_the_job_ends_within_the_collective_timeout()
    {
        WorkerLauncherCheck();
        var images = Images();
        var outDir = Path.Combine(_temp.Path, "stopped");
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var run = new SeerProcess(line => { if (line.StartsWith("step 3/", StringComparison.Ordinal)) reached.TrySetResult(); },
            Args(images, outDir, 400, 2, "--set", "collective_timeout_s=5", "--set", "log_every=1"));
        var exited = run.ExitAsync(Limit);
        Assert.True(await Task.WhenAny(reached.Task, exited) == reached.Task, $"the run ended before step 3\n{run.Output}");
        var workers = WorkerProcesses(outDir);
        Assert.True(workers.Count == 2, $"expected 2 seer-worker processes, found {workers.Count}\n{run.Output}");
        var victim = workers.OrderBy(w => w.StartTime).ThenBy(w => w.Id).Last();
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, SendSignal(victim.Id, SigStop));                     // alive but frozen: only a timeout can end the job
        int exit = await exited;
        Assert.True(exit != 0, $"the job exited 0 after a rank was stopped\n{run.Output}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the job took {clock.Elapsed.TotalSeconds:F0} s to end");
        // the stop lands between collectives (the other rank names it) or inside one (the watchdog ends a rank)
        Assert.Matches(@"seer: rank [01]: (rank [01] did not reach .* within 5 s|.* has blocked for \d+ s after every rank reached it)", run.Output);
        Assert.Contains("job failed", run.Output);
        Assert.Empty(WorkerProcesses(outDir));
    }

    [Fact]
    public async Task A_rank_killed_mid_run_ends_the_job_and_resume_finishes_it_like_an_uninterrupted_run()
    {
        WorkerLauncherCheck();
        const int steps = 8;
        var images = Images();
        var (victimDir, straightDir) = (Path.Combine(_temp.Path, "killed"), Path.Combine(_temp.Path, "straight"));
        string[] Run(string outDir, params string[] more) => Args(images, outDir, steps, 2, ["--set", "checkpoint_every=2", .. more]);

        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (var victim = new SeerProcess(line => { if (line.StartsWith("step 3/", StringComparison.Ordinal)) reached.TrySetResult(); }, Run(victimDir)))
        {
            var exited = victim.ExitAsync(Limit);
            Assert.True(await Task.WhenAny(reached.Task, exited) == reached.Task, $"the run ended before step 3\n{victim.Output}");
            var workers = WorkerProcesses(victimDir);
            Assert.True(workers.Count == 2, $"expected 2 seer-worker processes, found {workers.Count}\n{victim.Output}");
            var clock = Stopwatch.StartNew();
            workers[^1].Kill();                                                  // SIGKILL one rank
            int exit = await exited;
            Assert.True(exit != 0, $"the job exited 0 after a rank was killed\n{victim.Output}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the job took {clock.Elapsed.TotalSeconds:F0} s to end");
            Assert.Contains("job failed", victim.Output);
            Assert.Empty(WorkerProcesses(victimDir));
        }
        var resumed = await SeerProcess.RunAsync(Limit, Run(victimDir, "--resume"));
        Assert.True(resumed.Exit == 0, $"resume failed\n{resumed.Output}");
        Assert.Contains("resumed from", resumed.Output);
        var straight = await SeerProcess.RunAsync(Limit, Run(straightDir));
        Assert.True(straight.Exit == 0, $"uninterrupted run failed\n{straight.Output}");
        foreach (var file in new[] { "trunk.safetensors", "head.safetensors", "optimizer.safetensors" })
        {
            var diff = Diff(victimDir, straightDir, file, steps);
            Assert.True(diff.GetProperty("max_abs").GetDouble() == 0, $"{file} differs: {diff}");
        }
    }

    [Fact]
    public void A_global_batch_the_ranks_cannot_split_is_refused_before_mpirun_starts()
    {
        var (exit, _, stderr) = CliRunner.Run(Args(Images(), Path.Combine(_temp.Path, "odd"), 2, 3));
        Assert.Equal(2, exit);
        Assert.Contains("batch_size 8 (the global batch) is not divisible by --ranks 3", stderr);
        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "odd")));
    }

    private static JsonElement Diff(string runA, string runB, string file, int step = 20)
    {
        var final = $"step-{step:D8}";
        var (exit, stdout, stderr) = CliRunner.Run("checkpoint", "diff", Path.Combine(runA, "checkpoints", final, file), Path.Combine(runB, "checkpoints", final, file), "--json");
        Assert.True(exit == 0, $"{file}: {stderr}");
        using var doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement.GetProperty("keys_compared").GetInt32() > 0, file);
        return doc.RootElement.Clone();
    }

    private static double FinalLoss(string output) =>
        double.Parse(FinalLossLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The seer-worker processes of the run writing to <paramref name="outDir"/> (from /proc command lines).</summary>
    private static List<Process> WorkerProcesses(string outDir)
    {
        var found = new List<Process>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string[] argv;
            try { argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            // a rank is "dotnet .../seer-worker.dll pretrain ... --out DIR" (mpirun's own command line names the worker too)
            if (argv.Length < 2 || Path.GetFileName(argv[0]) is "mpirun" or "orterun" or "prterun") continue;
            if (!argv.Any(x => x.EndsWith("seer-worker.dll", StringComparison.Ordinal) || Path.GetFileName(x) == "seer-worker") || !argv.Contains(outDir)) continue;
            try { found.Add(Process.GetProcessById(pid)); }
            catch (ArgumentException) { continue; }                              // exited since /proc was listed
        }
        return found;
    }

    private const int SigStop = 19;

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    private static void WorkerLauncherCheck() => Distributed.WorkerLauncher.MpiRun();

    [GeneratedRegex(@"done: \d+ updates, last loss ([0-9.]+)")]
    private static partial Regex FinalLossLine();
}
