namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// Linear probe on frozen, pooled features (swav eval_linear defaults: SGD lr 0.3 per 256 images, momentum 0.9,
/// weight decay 1e-6, cosine to 0). Cached features are standardised per dimension with training statistics.
/// </summary>
public sealed record LinearProbeOptions
{
    /// <summary>Passes over the training features.</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Learning rate for a batch of 256 (scaled linearly with the batch).</summary>
    public double LearningRate { get; init; } = 0.3;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-6;

    /// <summary>Seed of the shuffling and the classifier init.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// swav eval_linear's augmented protocol: the frozen trunk runs every step on RandomResizedCrop + flip of the
    /// training images (centre crop at test). False (default): cached features, computed once, for speed.
    /// </summary>
    public bool Augment { get; init; }

    /// <summary>BN on the features before the linear layer (VISSL eval_mlp: BatchNorm over the pooled channels).</summary>
    public bool BatchNorm { get; init; }

    /// <summary>The same protocol as image training with a frozen trunk: head-only SGD at this rate, cosine to 0.</summary>
    public FineTuneOptions ToFrozenTrunk() => new()
    {
        Epochs = Epochs,
        BatchSize = BatchSize,
        TrunkLearningRate = 0,
        HeadLearningRate = LearningRate,
        Momentum = Momentum,
        WeightDecay = WeightDecay,
        Schedule = TransferSchedule.Cosine,
        FreezeTrunk = true,
        HeadBatchNorm = BatchNorm,
        Augment = Augment,
        Seed = Seed,
    };
}

/// <summary>Top-1 / top-5 accuracy on the test features.</summary>
public sealed record ProbeResult(double Top1, double Top5, int TrainCount, int TestCount);
