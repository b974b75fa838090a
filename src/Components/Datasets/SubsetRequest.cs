using System.Globalization;

namespace Seer.Toolkit.Components.Datasets;

/// <summary>
/// Which part of a training split a probe trains on: all of it, a class-balanced fraction, N images per class, or a
/// saved subset list; optionally saved for reuse. At most one of <see cref="Fraction"/>, <see cref="PerClass"/> and
/// <see cref="LoadFrom"/>.
/// </summary>
public sealed record SubsetRequest(double? Fraction = null, int? PerClass = null, string? LoadFrom = null, string? SaveTo = null, long Seed = 0)
{
    /// <summary>True when a subset is asked for.</summary>
    public bool IsSubset => Fraction is not null || PerClass is not null || LoadFrom is not null;

    /// <summary>
    /// The selected indices among <paramref name="labels"/> (keys by <paramref name="keyOf"/>), or null for the whole
    /// split; writes the list to <see cref="SaveTo"/> when set.
    /// </summary>
    public int[]? Choose(string dataset, IReadOnlyList<int> labels, int classes, Func<int, string> keyOf)
    {
        int given = (Fraction is null ? 0 : 1) + (PerClass is null ? 0 : 1) + (LoadFrom is null ? 0 : 1);
        if (given > 1) throw new ArgumentException("give at most one of --fraction, --per-class and --subset");
        if (SaveTo is not null && given == 0) throw new ArgumentException("--subset-out needs --fraction or --per-class (or --subset) to choose a subset");
        int[]? chosen;
        string selection;
        long seed = Seed;
        if (Fraction is { } f)
        {
            chosen = ClassBalancedSubset.ByFraction(labels, classes, f, Seed);
            selection = $"fraction: {f.ToString("R", CultureInfo.InvariantCulture)}";
        }
        else if (PerClass is { } n)
        {
            chosen = ClassBalancedSubset.PerClass(labels, classes, n, Seed);
            selection = $"per_class: {n.ToString(CultureInfo.InvariantCulture)}";
        }
        else if (LoadFrom is not null)
        {
            var list = SubsetList.Load(LoadFrom);
            chosen = list.Resolve(dataset, labels.Count, keyOf, LoadFrom);
            (selection, seed) = (list.Selection, list.Seed);
        }
        else return null;
        if (SaveTo is not null) new SubsetList(dataset, "train", seed, selection, [.. chosen.Select(keyOf)]).Save(SaveTo);
        return chosen;
    }
}
