namespace Seer.Toolkit.Components.Optim;

/// <summary>
/// Linear warmup then cosine decay (Loshchilov &amp; Hutter 2017; swav/VISSL): lr(t) = s + (b − s)·t/W for t &lt; W, then
/// f + ½(b − f)(1 + cos(π (t − W)/(T − W))) up to T, and f after.
/// </summary>
public sealed record WarmupCosineSchedule : ILearningRateSchedule
{
    /// <summary>Start s, peak b, final f, warmup W and total T updates.</summary>
    public WarmupCosineSchedule(double startLr, double peakLr, double finalLr, long warmupSteps, long totalSteps)
    {
        if (warmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(warmupSteps), warmupSteps, "warmup must be non-negative");
        if (totalSteps < warmupSteps) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "total steps must cover the warmup");
        (StartLr, PeakLr, FinalLr, WarmupSteps, TotalSteps) = (startLr, peakLr, finalLr, warmupSteps, totalSteps);
    }

    /// <summary>SEER (Goyal et al. 2021): 0.15 → 0.15·batch/256 (9.6 at 16,384 images) over 8k updates, cosine to peak/1000.</summary>
    public static WarmupCosineSchedule Seer(long totalSteps, long globalBatch = 16384, long warmupSteps = 8000)
    {
        const double baseLr = 0.15;
        double peak = LearningRateScaling.Scale(baseLr, globalBatch);
        return new WarmupCosineSchedule(baseLr, peak, peak / 1000, warmupSteps, totalSteps);
    }

    /// <summary>s.</summary>
    public double StartLr { get; }

    /// <summary>b, reached at the end of warmup.</summary>
    public double PeakLr { get; }

    /// <summary>f, reached at <see cref="TotalSteps"/>.</summary>
    public double FinalLr { get; }

    /// <summary>W.</summary>
    public long WarmupSteps { get; }

    /// <summary>T.</summary>
    public long TotalSteps { get; }

    /// <inheritdoc />
    public double At(long step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "step must be non-negative");
        if (step < WarmupSteps) return StartLr + (PeakLr - StartLr) * step / WarmupSteps;
        if (step >= TotalSteps) return TotalSteps == WarmupSteps ? PeakLr : FinalLr;
        double progress = (double)(step - WarmupSteps) / (TotalSteps - WarmupSteps);
        return FinalLr + 0.5 * (PeakLr - FinalLr) * (1 + Math.Cos(Math.PI * progress));
    }
}
