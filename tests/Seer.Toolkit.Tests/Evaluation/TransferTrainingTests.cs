using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Evaluation;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Tests.Evaluation;

/// <summary>Fine-tuning, low-shot and the augmented linear probe end to end on a few hundred Fashion-MNIST images with regnety_micro.</summary>
public class TransferTrainingTests
{
    private readonly TorchBackend _backend = new();
    private static readonly MultiCropOptions Crops = new();

    private static LabeledSplits Small(int train = 400, int test = 200)
    {
        var data = LabeledSplits.From(IdxDatasets.Load("fashion-mnist"));
        return new LabeledSplits(data.Train.Select([.. Enumerable.Range(0, train)]), data.Test.Select([.. Enumerable.Range(0, test)]));
    }

    private ProbeResult Run(LabeledSplits data, FineTuneOptions options, EvalTrace? trace = null, RegNetModel? trunk = null)
    {
        trunk ??= RegNetModel.FromPreset("regnety_micro", 0).Materialize(_backend, 1);
        return TransferTraining.Run(_backend, trunk, data.Train, data.Test, 28, Crops.Mean, Crops.Std, options, trace);
    }

    [Fact]
    public void Fine_tuning_beats_chance_and_is_deterministic()
    {
        var data = Small();
        // SEER's protocol at a small batch and a rate raised for two epochs of 400 images
        var options = new FineTuneOptions { Epochs = 2, BatchSize = 32, TrunkLearningRate = 0.4, HeadLearningRate = 0.4, Seed = 5, TestEveryEpoch = true };
        var trace = new EvalTrace();
        var a = Run(data, options, trace);
        var b = Run(data, options);
        Assert.InRange(a.Top1, 18, 100);                 // 10 classes: chance is 10 % (± 2.1 points on 200 images)
        Assert.Equal(a, b);
        Assert.Equal((400, 200), (a.TrainCount, a.TestCount));
        Assert.Equal([1, 2], trace.Epochs.Select(e => e.Epoch));
        Assert.All(trace.Epochs, e => Assert.True(double.IsFinite(e.Loss) && e.TestTop1 is not null));
        Assert.Equal(200, trace.Confusion!.Total);
        Assert.Equal(a.Top1, 100.0 * Enumerable.Range(0, 10).Sum(c => trace.Confusion[c, c]) / 200, 6);
    }

    [Fact]
    public void Fine_tuning_changes_the_trunk_and_a_frozen_probe_does_not()
    {
        var data = Small(128, 64);
        var tuned = RegNetModel.FromPreset("regnety_micro", 0).Materialize(_backend, 1);
        var frozen = RegNetModel.FromPreset("regnety_micro", 0).Materialize(_backend, 1);
        var before = Snapshot(frozen);
        Run(data, new FineTuneOptions { Epochs = 1, BatchSize = 32 }, trunk: tuned);
        var probe = Run(data, new LinearProbeOptions { Epochs = 1, BatchSize = 32, Augment = true }.ToFrozenTrunk(), trunk: frozen);
        Assert.Equal(before, Snapshot(frozen));                           // weights and BN statistics untouched
        Assert.NotEqual(before, Snapshot(tuned));
        Assert.True(frozen.IsTraining);                                    // the caller's mode is restored
        Assert.Equal(128, probe.TrainCount);
    }

    [Fact]
    public void Augmented_linear_probe_is_deterministic_and_follows_the_seed()
    {
        var data = Small(256, 100);
        var probe = new LinearProbeOptions { Epochs = 3, BatchSize = 16, Augment = true, BatchNorm = true, Seed = 2 }.ToFrozenTrunk();
        var a = Run(data, probe);
        Assert.Equal(a, Run(data, probe));
        Assert.InRange(a.Top1, 18, 100);
        Assert.NotEqual(a, Run(data, probe with { Seed = 3 }));            // head init, order and crops come from the seed
    }

    [Fact]
    public void Low_shot_trains_on_a_class_balanced_fraction()
    {
        var full = Small(1000, 200);
        var labels = Enumerable.Range(0, full.Train.Count).Select(full.Train.Label).ToArray();
        var chosen = ClassBalancedSubset.ByFraction(labels, 10, 0.1, 0);
        var data = full with { Train = full.Train.Select(chosen) };
        // swav's 1 % rates (trunk 0.02, head 5 per 256 images) at batch 16, four short epochs on the evaluation transform
        var options = LowShotOptions.For(0.01) with { Epochs = 4, BatchSize = 16, Augment = false };
        var a = Run(data, options);
        Assert.Equal(chosen.Length, a.TrainCount);
        Assert.InRange(a.TrainCount, 95, 105);                             // about 10 per class
        Assert.Equal(a, Run(data, options));
        Assert.InRange(a.Top1, 16, 100);
    }

    private static float[] Snapshot(RegNetModel trunk) =>
        [.. trunk.StateSlots().Where(kv => kv.Value.DType == Seer.Toolkit.Tensors.DType.Float32).SelectMany(kv => kv.Value.Value.ToFloatArray())];
}
