using Seer.Toolkit.Components.Optim;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// Training a trunk with a new linear head on labelled images. Defaults are SEER's fine-tuning protocol (Goyal et al.
/// 2021): SGD momentum 0.9, weight decay 1e-4, lr 0.0125 per 256 images for trunk and head, ×0.1 after 30 of 35 epochs,
/// RandomResizedCrop(scale 0.08–1) + horizontal flip at train, centre crop at test, trunk BN in training mode.
/// </summary>
public sealed record FineTuneOptions
{
    /// <summary>Epochs of the published schedule the milestones belong to.</summary>
    public const int PublishedEpochs = 35;

    /// <summary>Passes over the training images.</summary>
    public int Epochs { get; init; } = PublishedEpochs;

    /// <summary>Images per update.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Trunk learning rate for a batch of 256 (scaled linearly with <see cref="BatchSize"/>).</summary>
    public double TrunkLearningRate { get; init; } = 0.0125;

    /// <summary>Head learning rate for a batch of 256 (SEER: the same as the trunk's).</summary>
    public double HeadLearningRate { get; init; } = 0.0125;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay on every parameter.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Learning-rate schedule over the run.</summary>
    public TransferSchedule Schedule { get; init; } = TransferSchedule.Step;

    /// <summary>Epochs after which the rate is multiplied by <see cref="Gamma"/>, for a run of <see cref="MilestonesOf"/> epochs.</summary>
    public IReadOnlyList<int> Milestones { get; init; } = [30];

    /// <summary>Number of epochs <see cref="Milestones"/> are given for; other epoch counts scale them (round(m·E/E₀)).</summary>
    public int MilestonesOf { get; init; } = PublishedEpochs;

    /// <summary>Step factor of the schedule.</summary>
    public double Gamma { get; init; } = 0.1;

    /// <summary>True: the trunk gets no gradient and runs in evaluation mode (a linear probe on images).</summary>
    public bool FreezeTrunk { get; init; }

    /// <summary>Trunk BN uses batch statistics and updates its running buffers while training (ignored when frozen).</summary>
    public bool TrunkBatchNormTraining { get; init; } = true;

    /// <summary>BN on the pooled features before the linear layer (VISSL eval_mlp).</summary>
    public bool HeadBatchNorm { get; init; }

    /// <summary>RandomResizedCrop + flip at train time; false: the evaluation transform for training images too.</summary>
    public bool Augment { get; init; } = true;

    /// <summary>Smallest area share of RandomResizedCrop (torchvision 0.08).</summary>
    public double CropScaleMin { get; init; } = 0.08;

    /// <summary>Score the held-out split after every epoch (for training curves), not only at the end.</summary>
    public bool TestEveryEpoch { get; init; }

    /// <summary>Seed of the head init, the shuffling and the crops.</summary>
    public long Seed { get; init; }

    /// <summary>The milestones for <see cref="Epochs"/>.</summary>
    public int[] ScaledMilestones => MultiStepSchedule.ScaleMilestones(Milestones, MilestonesOf, Epochs);

    /// <summary>The rate schedule of one parameter group at <paramref name="ratePer256"/>, over <paramref name="stepsPerEpoch"/>·<see cref="Epochs"/> updates.</summary>
    public ILearningRateSchedule ScheduleFor(double ratePer256, long stepsPerEpoch)
    {
        double rate = LearningRateScaling.Scale(ratePer256, BatchSize);
        return Schedule == TransferSchedule.Cosine
            ? new CosineSchedule(rate, stepsPerEpoch * Epochs)
            : new MultiStepSchedule(rate, ScaledMilestones, Gamma, stepsPerEpoch);
    }

    /// <summary>Checks the values; the message names the bad one.</summary>
    public FineTuneOptions Validate()
    {
        if (Epochs < 1) throw new ArgumentException($"epochs must be at least 1, got {Epochs}");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be at least 1, got {BatchSize}");
        if (TrunkLearningRate < 0 || HeadLearningRate < 0) throw new ArgumentException("learning rates must be non-negative");
        if (Momentum < 0 || WeightDecay < 0) throw new ArgumentException("momentum and weight decay must be non-negative");
        if (CropScaleMin is <= 0 or > 1) throw new ArgumentException($"crop scale minimum must be in (0, 1], got {CropScaleMin}");
        return this;
    }
}

/// <summary>How the rate evolves over a transfer run.</summary>
public enum TransferSchedule
{
    /// <summary>Multiplied by γ at each milestone epoch.</summary>
    Step,

    /// <summary>Cosine from the base rate to 0.</summary>
    Cosine,
}
