namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// swav eval_semisup: fine-tune trunk + new linear head on a class-balanced 1 % or 10 % subset for 20 epochs, batch 256
/// (8 × 32), SGD momentum 0.9, weight decay 0, rate ×0.2 at epochs 12 and 16; 1 %: trunk 0.02, head 5; 10 %: trunk 0.01, head 0.2.
/// </summary>
public static class LowShotOptions
{
    /// <summary>Epochs of the published schedule.</summary>
    public const int PublishedEpochs = 20;

    /// <summary>(trunk, head) learning rates per 256 images for a label fraction: swav's 1 % values below 5 %, its 10 % values otherwise.</summary>
    public static (double Trunk, double Head) LearningRates(double fraction) => fraction < 0.05 ? (0.02, 5.0) : (0.01, 0.2);

    /// <summary>The protocol's options for <paramref name="fraction"/>.</summary>
    public static FineTuneOptions For(double fraction)
    {
        if (fraction is <= 0 or > 1) throw new ArgumentException($"label fraction must be in (0, 1], got {fraction}");
        var (trunk, head) = LearningRates(fraction);
        return new FineTuneOptions
        {
            Epochs = PublishedEpochs,
            MilestonesOf = PublishedEpochs,
            Milestones = [12, 16],
            Gamma = 0.2,
            BatchSize = 256,
            TrunkLearningRate = trunk,
            HeadLearningRate = head,
            Momentum = 0.9,
            WeightDecay = 0,
        };
    }
}
