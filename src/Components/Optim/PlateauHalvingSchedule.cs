namespace Seer.Toolkit.Components.Optim;

/// <summary>
/// Online schedule for open-ended pretraining (SEER, Goyal et al. 2021): constant lr, multiplied by <c>factor</c> (½) when the smoothed loss
/// L̄ ← β L̄ + (1 − β) ℓ has not improved on its best by a relative <c>threshold</c> for <c>patience</c> steps; never below
/// <c>minLr</c>. Pure host arithmetic; its state is the five properties below.
/// </summary>
public sealed class PlateauHalvingSchedule
{
    /// <summary>Starts at <paramref name="initialLr"/>.</summary>
    public PlateauHalvingSchedule(double initialLr, int patience, double smoothing = 0.99, double minLr = 0, double factor = 0.5, double threshold = 0)
    {
        if (!(initialLr > 0)) throw new ArgumentOutOfRangeException(nameof(initialLr), initialLr, "learning rate must be positive");
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be positive");
        if (smoothing is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "smoothing β must be in [0, 1)");
        if (factor is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be in (0, 1)");
        if (minLr < 0) throw new ArgumentOutOfRangeException(nameof(minLr), minLr, "minimum learning rate must be non-negative");
        (LearningRate, Patience, Smoothing, MinLr, Factor, Threshold) = (initialLr, patience, smoothing, minLr, factor, threshold);
    }

    /// <summary>Current learning rate.</summary>
    public double LearningRate { get; set; }

    /// <summary>Steps without improvement before a cut.</summary>
    public int Patience { get; }

    /// <summary>EMA coefficient β (0 = raw loss).</summary>
    public double Smoothing { get; }

    /// <summary>Floor of the learning rate.</summary>
    public double MinLr { get; }

    /// <summary>Multiplier applied at a plateau (½ halves).</summary>
    public double Factor { get; }

    /// <summary>Relative improvement that counts: L̄ &lt; best · (1 − threshold).</summary>
    public double Threshold { get; }

    /// <summary>Smoothed loss L̄ (NaN before the first observation).</summary>
    public double SmoothedLoss { get; set; } = double.NaN;

    /// <summary>Best smoothed loss so far.</summary>
    public double BestLoss { get; set; } = double.PositiveInfinity;

    /// <summary>Steps since the best smoothed loss improved.</summary>
    public int StepsWithoutImprovement { get; set; }

    /// <summary>Number of cuts made.</summary>
    public int Reductions { get; set; }

    /// <summary>Records one step's loss and returns the learning rate for the next step.</summary>
    public double Observe(double loss)
    {
        if (!double.IsFinite(loss)) throw new ArgumentOutOfRangeException(nameof(loss), loss, "loss must be finite");
        SmoothedLoss = double.IsNaN(SmoothedLoss) ? loss : Smoothing * SmoothedLoss + (1 - Smoothing) * loss;
        if (SmoothedLoss < BestLoss * (1 - Threshold))
        {
            BestLoss = SmoothedLoss;
            StepsWithoutImprovement = 0;
            return LearningRate;
        }
        if (++StepsWithoutImprovement < Patience) return LearningRate;
        StepsWithoutImprovement = 0;
        double next = Math.Max(LearningRate * Factor, MinLr);
        if (next < LearningRate) Reductions++;
        LearningRate = next;
        return LearningRate;
    }
}
