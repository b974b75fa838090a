using System.Text.Json;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Metrics;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Tests.Evaluation;

/// <summary>The online monitor: kNN and stop-gradient linear head on frozen features, reported by the pretrainer in its progress line, JSONL and TensorBoard.</summary>
public sealed class OnlineMonitorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seer-monitor-").FullName;
    private readonly TorchBackend _backend = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private OnlineMonitor Monitor(long seed) =>
        new(_backend, LabeledSplits.From(IdxDatasets.Load("fashion-mnist")), 32, 28, new MultiCropOptions().Mean, new MultiCropOptions().Std,
            new OnlineMonitorOptions { Every = 1, TrainImages = 600, TestImages = 200 }, seed);

    [Fact]
    public void Monitor_beats_chance_leaves_the_trunk_untouched_and_is_deterministic()
    {
        var trunk = RegNetModel.FromPreset("regnety_micro", 0).Materialize(_backend, 3);
        Assert.Equal(32, trunk.FeatureWidth);
        var before = trunk.StateSlots().Where(kv => kv.Value.DType == Seer.Toolkit.Tensors.DType.Float32).SelectMany(kv => kv.Value.Value.ToFloatArray()).ToArray();
        var a = Monitor(1);
        var b = Monitor(1);
        (double Knn, double Linear) first = default;
        for (int round = 0; round < 3; round++)
        {
            first = a.Measure(trunk);
            Assert.Equal(first, b.Measure(trunk));
        }
        Assert.InRange(first.Knn, 35, 100);              // random-init features already cluster Fashion-MNIST (chance 10 %)
        Assert.InRange(first.Linear, 25, 100);
        Assert.True(trunk.IsTraining);                   // mode restored
        Assert.Equal(before, trunk.StateSlots().Where(kv => kv.Value.DType == Seer.Toolkit.Tensors.DType.Float32).SelectMany(kv => kv.Value.Value.ToFloatArray()));
    }

    [Fact]
    public void Settings_keys_parse_and_bad_values_are_named()
    {
        var o = PretrainSettings.Apply(PretrainSettings.Apply(new PretrainOptions(), "monitor_every=50"), "monitor_dataset=mnist");
        Assert.Equal((50L, "mnist"), (o.Monitor.Every, o.Monitor.Dataset));
        Assert.Equal(0, new PretrainOptions().Monitor.Every);                                   // off by default
        Assert.Contains("monitor_every", Assert.Throws<ArgumentException>(() => (new PretrainOptions() with { Monitor = new() { Every = -1 } }).Validate()).Message);
        Assert.Contains("\"monitor_every\": 50", PretrainSettings.ToJson(o));
    }

    [Fact]
    public async Task Pretrainer_reports_the_monitor_in_progress_line_jsonl_and_tensorboard()
    {
        var options = PretrainPresets.Get("micro") with
        {
            Steps = 4, CheckpointEvery = 4, LogEvery = 2,
            Monitor = new OnlineMonitorOptions { Every = 2, Dataset = "fashion-mnist", TrainImages = 200, TestImages = 100 },
        };
        var log = new StringWriter();
        var data = IdxDatasets.Load("fashion-mnist");
        var images = new IdxImages(data.Train, 64);
        await new SwAVPretrainer(_backend, options, images, _dir, log).RunAsync(resume: false);
        Assert.Contains("knn ", log.ToString());
        Assert.Contains("linear ", log.ToString());
        var records = File.ReadAllLines(Path.Combine(_dir, "metrics.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.InRange(r.GetProperty("monitor_knn_top1").GetDouble(), 0, 100));
        Assert.All(records, r => Assert.InRange(r.GetProperty("monitor_linear_top1").GetDouble(), 0, 100));
        var events = EventFileReader.Read(Directory.GetFiles(Path.Combine(_dir, "tensorboard"))[0]).Events;
        Assert.Equal(2, events.Count(e => e.Scalars.Any(s => s.Tag == "monitor/knn_top1")));
        Assert.Contains(events, e => e.Scalars.Any(s => s.Tag == "monitor/linear_top1"));
    }

    /// <summary>The first images of an IDX split as an unlabelled pretraining collection.</summary>
    private sealed class IdxImages(ILabeledImages images, int count) : IImageCollection
    {
        public int Count => count;

        public ImageF? Load(int index) => images.Load(index);
    }
}
