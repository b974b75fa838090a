namespace Seer.Toolkit.Components.Optim;

/// <summary>
/// PyTorch's MultiStepLR by epoch: lr(t) = b·γ^k, k = number of milestones m ≤ ⌊t / S⌋ (S updates per epoch);
/// SEER fine-tuning ×0.1 at 30 of 35 epochs, swav eval_semisup ×0.2 at 12 and 16 of 20.
/// </summary>
public sealed record MultiStepSchedule(double BaseLr, IReadOnlyList<int> MilestoneEpochs, double Gamma, long StepsPerEpoch) : ILearningRateSchedule
{
    /// <inheritdoc />
    public double At(long step)
    {
        long epoch = step / Math.Max(1, StepsPerEpoch);
        int passed = MilestoneEpochs.Count(m => m <= epoch);
        return BaseLr * Math.Pow(Gamma, passed);
    }

    /// <summary>Milestones of a published <paramref name="publishedEpochs"/>-epoch schedule moved to <paramref name="epochs"/>: round(m·E/E₀), at least 1, kept below E when E₀ kept them below E₀.</summary>
    public static int[] ScaleMilestones(IReadOnlyList<int> milestones, int publishedEpochs, int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(publishedEpochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        if (epochs == publishedEpochs) return [.. milestones];
        return [.. milestones.Select(m =>
        {
            int scaled = Math.Max(1, (int)Math.Round((double)m * epochs / publishedEpochs, MidpointRounding.AwayFromZero));
            return m < publishedEpochs && epochs > 1 ? Math.Min(scaled, epochs - 1) : scaled;
        })];
    }
}
