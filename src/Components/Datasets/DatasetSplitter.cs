using Seer.Toolkit.Data;

namespace Seer.Toolkit.Components.Datasets;

/// <summary>
/// Seeded, class-stratified index selection. Within each class c (its n_c indices in ascending order) a Fisher–Yates
/// shuffle driven by SplitMix64(seed, c) fixes the order; selections take its first k_c entries and return ascending
/// indices, so the same labels, seed and sizes give the same indices on every platform.
/// </summary>
public static class DatasetSplitter
{
    /// <summary>
    /// Train/validation split: k_c = round(f·n_c) validation images per class, at least 1 and at most n_c − 1 when
    /// n_c ≥ 2 (a class of one image stays in train).
    /// </summary>
    public static (int[] Train, int[] Val) Split(IReadOnlyList<int> labels, int classes, double valFraction, long seed)
    {
        if (!(valFraction > 0 && valFraction < 1)) throw new ArgumentException($"the validation fraction (--val-fraction) must be in (0, 1), got {valFraction}");
        var val = Take(labels, classes, seed, n => n < 2 ? 0 : Math.Clamp((int)Math.Round(valFraction * n, MidpointRounding.AwayFromZero), 1, n - 1));
        var isVal = new bool[labels.Count];
        foreach (var i in val) isVal[i] = true;
        return ([.. Enumerable.Range(0, labels.Count).Where(i => !isVal[i])], val);
    }

    /// <summary>Per class, the first <paramref name="countOf"/>(n_c) indices of the class's seeded shuffle; all ascending.</summary>
    public static int[] Take(IReadOnlyList<int> labels, int classes, long seed, Func<int, int> countOf)
    {
        var byClass = new List<int>[classes];
        for (int c = 0; c < classes; c++) byClass[c] = [];
        for (int i = 0; i < labels.Count; i++)
        {
            if ((uint)labels[i] >= (uint)classes) throw new ArgumentException($"label {labels[i]} of item {i} is outside 0 … {classes - 1}");
            byClass[labels[i]].Add(i);
        }
        var chosen = new List<int>();
        for (int c = 0; c < classes; c++)
        {
            var members = byClass[c].ToArray();
            var rng = new SplitMix64(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(c + 1) * 0xD1B54A32D192ED03UL));
            for (int i = members.Length - 1; i > 0; i--)
            {
                int j = (int)rng.NextBelow((ulong)(i + 1));
                (members[i], members[j]) = (members[j], members[i]);
            }
            chosen.AddRange(members.Take(Math.Clamp(countOf(members.Length), 0, members.Length)));
        }
        chosen.Sort();
        return [.. chosen];
    }
}
