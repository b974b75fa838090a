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
}

/// <summary>Top-1 / top-5 accuracy on the test features.</summary>
public sealed record ProbeResult(double Top1, double Top5, int TrainCount, int TestCount);
