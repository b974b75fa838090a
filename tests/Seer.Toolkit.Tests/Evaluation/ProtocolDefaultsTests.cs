using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Components.Optim;

namespace Seer.Toolkit.Tests.Evaluation;

/// <summary>The defaults read from the options records equal the published protocols (swav eval_linear, SEER fine-tuning, swav eval_semisup).</summary>
public class ProtocolDefaultsTests
{
    [Fact]
    public void Linear_probe_defaults_are_swav_eval_linear()
    {
        var o = new LinearProbeOptions();
        Assert.Equal((0.3, 0.9, 1e-6, 256), (o.LearningRate, o.Momentum, o.WeightDecay, o.BatchSize));
        Assert.False(o.Augment);                                   // cached features are the fast default
        Assert.False(o.BatchNorm);
        var frozen = new LinearProbeOptions { Augment = true, BatchNorm = true, Seed = 3 }.ToFrozenTrunk();
        Assert.True(frozen.FreezeTrunk);
        Assert.True(frozen.Augment);
        Assert.True(frozen.HeadBatchNorm);
        Assert.Equal(TransferSchedule.Cosine, frozen.Schedule);
        Assert.Equal((0.3, 0.0, 0.9, 1e-6, 3L), (frozen.HeadLearningRate, frozen.TrunkLearningRate, frozen.Momentum, frozen.WeightDecay, frozen.Seed));
        Assert.Equal(0.08, frozen.CropScaleMin);
    }

    [Fact]
    public void Fine_tuning_defaults_are_seer()
    {
        var o = new FineTuneOptions();
        Assert.Equal((0.0125, 0.0125, 0.9, 1e-4), (o.TrunkLearningRate, o.HeadLearningRate, o.Momentum, o.WeightDecay));
        Assert.Equal((35, 256, 0.1, TransferSchedule.Step), (o.Epochs, o.BatchSize, o.Gamma, o.Schedule));
        Assert.Equal([30], o.ScaledMilestones);
        Assert.True(o.Augment);
        Assert.True(o.TrunkBatchNormTraining);
        Assert.False(o.FreezeTrunk);
        Assert.False(o.HeadBatchNorm);
        Assert.Equal(0.08, o.CropScaleMin);
    }

    [Fact]
    public void Fine_tuning_milestone_scales_with_the_epochs()
    {
        Assert.Equal([6], new FineTuneOptions { Epochs = 7 }.ScaledMilestones);             // 30·7/35
        Assert.Equal([60], new FineTuneOptions { Epochs = 70 }.ScaledMilestones);
        Assert.Equal([1], new FineTuneOptions { Epochs = 2 }.ScaledMilestones);             // round(1.71) = 2, kept below the last epoch
        Assert.Equal([6, 8], new FineTuneOptions { Epochs = 10, Milestones = [12, 16], MilestonesOf = 20 }.ScaledMilestones);
    }

    [Theory]
    [InlineData(0.01, 0.02, 5.0)]
    [InlineData(0.1, 0.01, 0.2)]
    public void Low_shot_defaults_are_swav_eval_semisup(double fraction, double trunk, double head)
    {
        var o = LowShotOptions.For(fraction);
        Assert.Equal((trunk, head), (o.TrunkLearningRate, o.HeadLearningRate));
        Assert.Equal((20, 256, 0.2, 0.0, 0.9), (o.Epochs, o.BatchSize, o.Gamma, o.WeightDecay, o.Momentum));
        Assert.Equal([12, 16], o.ScaledMilestones);
        Assert.True(o.Augment);
        Assert.False(o.FreezeTrunk);
    }

    [Fact]
    public void Step_schedule_multiplies_at_each_milestone_epoch()
    {
        var s = LowShotOptions.For(0.1).ScheduleFor(0.2, stepsPerEpoch: 10);
        Assert.Equal(0.2, s.At(0), 12);
        Assert.Equal(0.2, s.At(119), 12);                  // epoch 11
        Assert.Equal(0.04, s.At(120), 12);                 // epoch 12: ×0.2
        Assert.Equal(0.008, s.At(160), 12);                // epoch 16: ×0.2 again
        var scaled = new FineTuneOptions { BatchSize = 64 }.ScheduleFor(0.0125, 5);
        Assert.Equal(0.0125 * 64 / 256, scaled.At(0), 12);   // per-256 rate scaled with the batch
        Assert.Equal(0.0125 * 64 / 256 * 0.1, scaled.At(150), 12);
    }

    [Fact]
    public void Cosine_schedule_runs_from_the_base_rate_to_zero()
    {
        var s = new CosineSchedule(0.3, 100);
        Assert.Equal(0.3, s.At(0), 12);
        Assert.Equal(0.15, s.At(50), 12);
        Assert.Equal(0, s.At(100), 12);
    }

    [Fact]
    public void Bad_values_are_refused_by_name()
    {
        Assert.Contains("epochs", Assert.Throws<ArgumentException>(() => new FineTuneOptions { Epochs = 0 }.Validate()).Message);
        Assert.Contains("fraction", Assert.Throws<ArgumentException>(() => LowShotOptions.For(0)).Message);
    }
}
