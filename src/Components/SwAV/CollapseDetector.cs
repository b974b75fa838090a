using System.Globalization;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>
/// Detects SwAV collapse (facebookresearch/swav#12): uniform predictions give loss = −Σ_k q_k ln(1/K) = ln K, so a loss
/// within <c>tolerance · ln K</c> of ln K for <c>patience</c> consecutive steps raises <see cref="Warning"/> once per plateau.
/// </summary>
public sealed class CollapseDetector
{
    /// <summary>Known remedies, in the order to try them.</summary>
    public const string Remedies =
        "lower the Sinkhorn epsilon (e.g. 0.05 -> 0.03), freeze the prototypes for more iterations, enable the embedding queue " +
        "(small batches cannot equipartition), lower the learning rate or lengthen the warmup, and check the data loader " +
        "(identical or blank crops, wrong normalisation)";

    private long _step;

    /// <summary>Watches a loss over <paramref name="numPrototypes"/> prototypes.</summary>
    public CollapseDetector(int numPrototypes, int patience = 200, double tolerance = 0.01)
    {
        if (numPrototypes < 2) throw new ArgumentOutOfRangeException(nameof(numPrototypes), numPrototypes, "need at least two prototypes");
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "patience must be positive");
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be positive");
        LogK = Math.Log(numPrototypes);
        Patience = patience;
        Tolerance = tolerance;
    }

    /// <summary>Raised when a plateau at ln K reaches <see cref="Patience"/> steps.</summary>
    public event Action<CollapseWarning>? Warning;

    /// <summary>ln K.</summary>
    public double LogK { get; }

    /// <summary>Consecutive steps M before warning.</summary>
    public int Patience { get; }

    /// <summary>Relative band around ln K (0.01 = 1 %).</summary>
    public double Tolerance { get; }

    /// <summary>Current run of consecutive steps inside the band.</summary>
    public int PlateauSteps { get; private set; }

    /// <summary>Records one step's loss; true when this step raised the warning.</summary>
    public bool Observe(double loss)
    {
        _step++;
        if (!(Math.Abs(loss - LogK) <= Tolerance * LogK))
        {
            PlateauSteps = 0;
            return false;
        }
        PlateauSteps++;
        if (PlateauSteps != Patience) return false;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"SwAV loss {loss:F4} has stayed within {Tolerance:P0} of ln K = {LogK:F4} for {Patience} steps: the assignments have probably collapsed to uniform. Remedies: {Remedies}.");
        Warning?.Invoke(new CollapseWarning(_step, Patience, loss, LogK, message));
        return true;
    }
}
