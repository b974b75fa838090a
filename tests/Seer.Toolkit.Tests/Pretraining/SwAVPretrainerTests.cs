using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Tests.Pretraining;

/// <summary>End-to-end SwAV pretraining at the micro scale: learning happens, checkpoints are atomic, resume is exact.</summary>
public sealed class SwAVPretrainerTests : IDisposable
{
    /// <summary>64 images of 20 px in four kinds of pattern, so there is structure to cluster.</summary>
    private static SyntheticImages Shapes() => SyntheticImages.FromFormula(64, 20, (i, c, y, x) => (i % 4) switch
    {
        0 => (x / 4 + y / 4) % 2,
        1 => x < 10 ? 0.9f : 0.1f,
        2 => (float)(0.5 + 0.4 * Math.Sin(x + i)),
        _ => c == i % 3 ? 0.8f : 0.2f,
    });

    private readonly string _dir = Directory.CreateTempSubdirectory("seer-pretrain-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PretrainOptions Micro(long steps) => PretrainPresets.Get("micro") with { Steps = steps, CheckpointEvery = 3, LogEvery = 1 };

    [Fact]
    public async Task Micro_run_trains_writes_checkpoints_and_metrics()
    {
        var log = new StringWriter();
        var trainer = new SwAVPretrainer(new TorchBackend(), Micro(6), Shapes(), _dir, log);
        var result = await trainer.RunAsync(resume: false);
        Assert.Equal(6, result.Steps);
        Assert.True(double.IsFinite(result.LastLoss));
        Assert.Equal(Path.Combine(_dir, "checkpoints", "step-00000006"), result.Checkpoint);
        Assert.Equal("step-00000006", File.ReadAllText(Path.Combine(_dir, "checkpoints", "latest")));
        Assert.True(Directory.Exists(Path.Combine(_dir, "checkpoints", "step-00000003")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_dir, "checkpoints"), ".*"));          // no partial folder left
        Assert.Equal(6, File.ReadAllLines(Path.Combine(_dir, "metrics.jsonl")).Length);
        using var trunk = SafetensorsReader.Open(Path.Combine(result.Checkpoint!, "trunk.safetensors"));
        Assert.Equal("regnety_micro", trunk.Metadata["arch"]);
        Assert.True(trunk.Contains("stem.0.weight"));
        Assert.Contains("loss", log.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]          // with the embedding queue, filled from step 1 and used once full
    public async Task Interrupted_and_resumed_run_ends_bit_identical_to_a_straight_run(int queue)
    {
        var straightDir = Path.Combine(_dir, $"straight{queue}");
        var resumedDir = Path.Combine(_dir, $"resumed{queue}");
        PretrainOptions Micro(long steps) => SwAVPretrainerTests.Micro(steps) with { QueueLength = queue, QueueStart = 1 };
        var straight = await new SwAVPretrainer(new TorchBackend(), Micro(6), Shapes(), straightDir, TextWriter.Null).RunAsync(false);

        var first = await new SwAVPretrainer(new TorchBackend(), Micro(6), Shapes(), resumedDir, TextWriter.Null).RunAsync(false, stopAfter: 4);
        Assert.Equal(4, first.Steps);                                     // stopped between checkpoints 3 and 6: resume from 4
        var resumed = await new SwAVPretrainer(new TorchBackend(), Micro(6), Shapes(), resumedDir, TextWriter.Null).RunAsync(true);
        Assert.Equal(6, resumed.Steps);

        foreach (var file in new[] { "trunk.safetensors", "head.safetensors", "optimizer.safetensors" })
        {
            var diff = CheckpointDiff.Compare(Path.Combine(straight.Checkpoint!, file), Path.Combine(resumed.Checkpoint!, file));
            Assert.True(diff.KeysCompared > 0, file);
            Assert.True(diff.MaxAbs == 0, $"{file}: {diff.MaxAbs} at {diff.MaxAbsKey}");
            Assert.Empty(diff.Missing);
        }
    }

    [Fact]
    public async Task Two_straight_runs_are_bit_identical()
    {
        var a = await new SwAVPretrainer(new TorchBackend(), Micro(4), Shapes(), Path.Combine(_dir, "a"), TextWriter.Null).RunAsync(false);
        var b = await new SwAVPretrainer(new TorchBackend(), Micro(4), Shapes(), Path.Combine(_dir, "b"), TextWriter.Null).RunAsync(false);
        foreach (var file in new[] { "trunk.safetensors", "head.safetensors", "optimizer.safetensors" })
        {
            var diff = CheckpointDiff.Compare(Path.Combine(a.Checkpoint!, file), Path.Combine(b.Checkpoint!, file));
            Assert.True(diff.MaxAbs == 0, $"{file}: {diff.MaxAbs} at {diff.MaxAbsKey}");
        }
    }

    [Fact]
    public void Settings_round_trip_through_json_and_bad_keys_are_named()
    {
        var o = PretrainSettings.Apply(PretrainPresets.Get("tiny"), "batch_size=32");
        o = PretrainSettings.Apply(o, "crops.sizes=24,12");
        Assert.Equal(32, o.BatchSize);
        Assert.Equal([24, 12], o.Crops.Sizes);
        var path = Path.Combine(_dir, "cfg.json");
        File.WriteAllText(path, PretrainSettings.ToJson(o));
        var back = PretrainSettings.ApplyJson(PretrainPresets.Get("micro"), path);
        Assert.Equal(PretrainSettings.ToJson(o), PretrainSettings.ToJson(back));
        var e = Assert.Throws<ArgumentException>(() => PretrainSettings.Apply(o, "batchsize=3"));
        Assert.Contains("unknown setting 'batchsize'", e.Message);
        e = Assert.Throws<ArgumentException>(() => PretrainSettings.Apply(o, "steps=many"));
        Assert.Contains("'steps'", e.Message);
    }
}
