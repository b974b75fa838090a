namespace Seer.Toolkit.Components.Evaluation;

/// <summary>What a probe or fine-tuning run records for a report besides its accuracy: per-epoch curves and the held-out confusion matrix.</summary>
public sealed class EvalTrace
{
    /// <summary>Training curve, one record per epoch (empty for kNN).</summary>
    public List<EpochRecord> Epochs { get; } = [];

    /// <summary>Held-out predictions against labels (set by the run).</summary>
    public ConfusionMatrix? Confusion { get; set; }
}
