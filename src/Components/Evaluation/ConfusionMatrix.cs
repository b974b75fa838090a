namespace Seer.Toolkit.Components.Evaluation;

/// <summary>Counts C[t, p] of held-out images of true class t predicted as class p (argmax score, lower class on ties).</summary>
public sealed class ConfusionMatrix(int classes)
{
    private readonly int[] _counts = new int[classes * classes];

    /// <summary>Number of classes.</summary>
    public int Classes { get; } = classes;

    /// <summary>C[truth, predicted].</summary>
    public int this[int truth, int predicted] => _counts[truth * Classes + predicted];

    /// <summary>Images counted.</summary>
    public int Total => _counts.Sum();

    /// <summary>Counts one prediction.</summary>
    public void Add(int truth, int predicted) => _counts[truth * Classes + predicted]++;

    /// <summary>Counts the argmax of <paramref name="scores"/> (one row of class scores) against <paramref name="truth"/>.</summary>
    public void AddScores(int truth, ReadOnlySpan<float> scores) => Add(truth, ArgMax(scores));

    /// <summary>Counts the argmax of <paramref name="scores"/> against <paramref name="truth"/>.</summary>
    public void AddScores(int truth, ReadOnlySpan<double> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++) if (scores[i] > scores[best]) best = i;
        Add(truth, best);
    }

    /// <summary>Index of the largest finite score (0 when none is finite).</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = -1;
        for (int i = 0; i < scores.Length; i++)
            if (float.IsFinite(scores[i]) && (best < 0 || scores[i] > scores[best])) best = i;
        return Math.Max(best, 0);
    }

    /// <summary>Row-normalised share C[t, p] / Σ_p C[t, p] (0 for an empty row).</summary>
    public double RowShare(int truth, int predicted)
    {
        long row = 0;
        for (int p = 0; p < Classes; p++) row += this[truth, p];
        return row == 0 ? 0 : (double)this[truth, predicted] / row;
    }
}
