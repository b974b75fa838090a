namespace Seer.Toolkit.Components.Datasets;

/// <summary>
/// Class-balanced labelled subsets for low-shot evaluation (swav eval_semisup's 1 % and 10 %): per class c with n_c
/// images, max(1, round(f·n_c)) images by fraction f, or min(N, n_c) by images per class; chosen by
/// <see cref="DatasetSplitter.Take"/> with a fixed seed.
/// </summary>
public static class ClassBalancedSubset
{
    /// <summary>A fraction f ∈ (0, 1] of every class.</summary>
    public static int[] ByFraction(IReadOnlyList<int> labels, int classes, double fraction, long seed)
    {
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentException($"--fraction must be in (0, 1], got {fraction}");
        return DatasetSplitter.Take(labels, classes, seed, n => n == 0 ? 0 : Math.Max(1, (int)Math.Round(fraction * n, MidpointRounding.AwayFromZero)));
    }

    /// <summary>Up to <paramref name="perClass"/> images of every class.</summary>
    public static int[] PerClass(IReadOnlyList<int> labels, int classes, int perClass, long seed)
    {
        if (perClass < 1) throw new ArgumentException($"--per-class must be at least 1, got {perClass}");
        return DatasetSplitter.Take(labels, classes, seed, n => Math.Min(perClass, n));
    }
}
