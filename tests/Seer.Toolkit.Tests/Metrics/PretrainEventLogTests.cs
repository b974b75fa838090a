using System.Text.Json;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Metrics;
using Seer.Toolkit.Tests.Pretraining;

namespace Seer.Toolkit.Tests.Metrics;

/// <summary>A pretraining run logs the same scalars to OUT/tensorboard as to metrics.jsonl, one event per log step.</summary>
public sealed class PretrainEventLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seer-tb-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Each_log_step_is_one_event_matching_metrics_jsonl()
    {
        var options = PretrainPresets.Get("micro") with { Steps = 4, LogEvery = 2, CheckpointEvery = 4 };
        await new SwAVPretrainer(new TorchBackend(), options, SyntheticImages.SeededNoise(16, 12), _dir, TextWriter.Null).RunAsync(resume: false);

        var file = EventFileReader.Read(Assert.Single(Directory.GetFiles(Path.Combine(_dir, "tensorboard"), "events.out.tfevents.*")));
        Assert.False(file.Truncated);
        Assert.Equal(TensorBoardEvent.Version, file.Events[0].FileVersion);
        var logged = file.Events.Skip(1).ToList();
        var metrics = File.ReadAllLines(Path.Combine(_dir, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([2L, 4L], logged.Select(e => e.Step));
        Assert.Equal(metrics.Select(m => m.GetProperty("step").GetInt64()), logged.Select(e => e.Step));
        foreach (var (e, m) in logged.Zip(metrics))
        {
            Assert.Equal(["loss", "lr", "img_per_s", "bad_steps"], e.Scalars.Select(s => s.Tag));
            Assert.Equal((float)m.GetProperty("loss").GetDouble(), e.Scalars[0].Value);
            Assert.Equal((float)m.GetProperty("lr").GetDouble(), e.Scalars[1].Value);
            Assert.Equal(m.GetProperty("img_per_s").GetDouble(), e.Scalars[2].Value, 0.01 + 0.01 * e.Scalars[2].Value);
            Assert.Equal(m.GetProperty("bad_steps").GetInt64(), (long)e.Scalars[3].Value);
        }
    }
}
