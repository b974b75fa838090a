using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Metrics;
using Seer.Toolkit.Tests.Data;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Tests.Cli;

/// <summary>
/// Acceptance: in deterministic mode a `seer pretrain` process killed with SIGKILL at a random step and resumed ends with
/// weights identical to an uninterrupted run (`seer checkpoint diff` max_abs 0), and no half-written checkpoint is ever
/// visible. The kill step comes from a seed printed in every assertion message (SEER_KILL_SEED=N replays it).
/// </summary>
public sealed partial class PretrainKillResumeTests : IDisposable
{
    private const int Steps = 30;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Killed_at_a_random_step_and_resumed_ends_identical_to_an_uninterrupted_run()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("SEER_KILL_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount & 0xFFFF;
        var random = new Random(seed);
        int killAfter = random.Next(2, Steps - 2);          // kill once "step killAfter/30" is printed ...
        double fraction = random.NextDouble();              // ... plus this fraction of the last step's duration: anywhere in the
        string context = $"seed {seed}: kill after step {killAfter} + {fraction:F2} step";   // next update or checkpoint write

        var images = Path.Combine(_temp.Path, "images");
        for (int i = 0; i < 16; i++) TestImageFiles.Write(images, i);        // 4 batches per epoch: the run crosses epochs
        string[] Args(string outDir) =>
            ["pretrain", "--preset", "micro", "--data", images, "--out", outDir, "--steps", $"{Steps}", "--deterministic", "--set", "checkpoint_every=3"];
        var a = Path.Combine(_temp.Path, "A");
        var b = Path.Combine(_temp.Path, "B");

        var reached = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lastStep = TimeSpan.Zero;
        using (var victim = new SeerProcess(line =>
        {
            if (StepLine().Match(line) is not { Success: true } m) return;
            var (now, interval) = (clock.Elapsed, clock.Elapsed - lastStep);
            lastStep = now;
            if (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) >= killAfter) reached.TrySetResult(interval);
        }, Args(a)))
        {
            var exited = victim.ExitAsync(Limit);
            Assert.True(await Task.WhenAny(reached.Task, exited) == reached.Task, $"{context}: the run ended before that step\n{victim.Output}");
            await Task.Delay(await reached.Task * fraction);
            Assert.False(victim.HasExited, $"{context}: the run finished before it could be killed\n{victim.Output}");
            victim.Kill();
        }
        var visible = AssertEveryVisibleCheckpointIsComplete(a, context);
        AssertEventLogKept(a, killAfter - 1, context);

        var resumed = await SeerProcess.RunAsync(Limit, [.. Args(a), "--resume"]);
        Assert.True(resumed.Exit == 0, $"{context}: resume failed\n{resumed.Output}");
        if (visible > 0) Assert.Contains("resumed from", resumed.Output);
        var straight = await SeerProcess.RunAsync(Limit, Args(b));
        Assert.True(straight.Exit == 0, $"{context}: uninterrupted run failed\n{straight.Output}");

        foreach (var file in new[] { "trunk.safetensors", "head.safetensors" })
        {
            var final = $"step-{Steps:D8}";
            var (exit, stdout, stderr) = CliRunner.Run("checkpoint", "diff", Path.Combine(a, "checkpoints", final, file), Path.Combine(b, "checkpoints", final, file), "--json");
            Assert.True(exit == 0, $"{context}: {file}: {stderr}");
            using var diff = JsonDocument.Parse(stdout);
            Assert.True(diff.RootElement.GetProperty("keys_compared").GetInt32() > 0, $"{context}: {file}");
            Assert.True(diff.RootElement.GetProperty("max_abs").GetDouble() == 0, $"{context}: {file} differs: {stdout}");
        }
    }

    /// <summary>Every step-N folder holds all four files, each parseable; "latest" names one of them. Returns their number.</summary>
    private static int AssertEveryVisibleCheckpointIsComplete(string outDir, string context)
    {
        var root = Path.Combine(outDir, "checkpoints");
        if (!Directory.Exists(root)) return 0;
        var visible = Directory.GetDirectories(root).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')).ToList();
        foreach (var name in visible)
        {
            Assert.Matches(@"^step-\d{8}$", name);
            var folder = Path.Combine(root, name!);
            Assert.Equal(["head.safetensors", "optimizer.safetensors", "state.json", "trunk.safetensors"],
                Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var weights in Directory.GetFiles(folder, "*.safetensors"))
            {
                using var reader = SafetensorsReader.Open(weights);
                Assert.True(reader.Entries.Count > 0, $"{context}: {weights} is empty");
                foreach (var entry in reader.Entries) reader.ReadBytes(entry.Name);
            }
            Assert.Equal(long.Parse(name![5..], CultureInfo.InvariantCulture), PretrainCheckpoint.ReadPosition(folder).Step);
        }
        var latest = Path.Combine(root, "latest");
        if (File.Exists(latest)) Assert.Contains(File.ReadAllText(latest).Trim(), visible);
        return visible.Count;
    }

    /// <summary>The event file written before the kill reads back (no CRC error) and holds every step logged before <paramref name="atLeast"/>.</summary>
    private static void AssertEventLogKept(string outDir, int atLeast, string context)
    {
        var file = EventFileReader.Read(Assert.Single(Directory.GetFiles(Path.Combine(outDir, "tensorboard"))));
        var steps = file.Events.Where(e => e.Scalars.Count > 0).Select(e => e.Step).ToList();
        Assert.True(steps.Count >= atLeast && steps.Take(atLeast).SequenceEqual(Enumerable.Range(1, atLeast).Select(i => (long)i)),
            $"{context}: logged steps {string.Join(',', steps)}");
    }

    [GeneratedRegex(@"^step (\d+)/\d+\s")]
    private static partial Regex StepLine();
}
