namespace Seer.Toolkit.Components.Optim;

/// <summary>Cosine decay without warmup: lr(t) = ½·b·(1 + cos(π t / T)), b at t = 0 down to 0 at T (swav eval_linear).</summary>
public sealed record CosineSchedule(double BaseLr, long TotalSteps) : ILearningRateSchedule
{
    /// <inheritdoc />
    public double At(long step) => 0.5 * BaseLr * (1 + Math.Cos(Math.PI * Math.Min(step, TotalSteps) / Math.Max(1, TotalSteps)));
}
