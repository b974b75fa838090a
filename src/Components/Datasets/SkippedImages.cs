using Seer.Toolkit.Data;

namespace Seer.Toolkit.Components.Datasets;

/// <summary>The closing line about unusable images: "N of M images of D (split) skipped: reason n, …".</summary>
public static class SkippedImages
{
    /// <summary>Images skipped in <paramref name="data"/> so far.</summary>
    public static long Count(ILabeledImages data) => data.Skipped.Values.Sum();

    /// <summary>The message, or null when nothing was skipped.</summary>
    public static string? Describe(ILabeledImages data, string split) => Describe(data.Skipped, data.Count, data.Name, split);

    /// <summary>The message for skip counts gathered elsewhere (e.g. summed over ranks), or null when nothing was skipped.</summary>
    public static string? Describe(IReadOnlyDictionary<DecodeStatus, long> skipped, int count, string name, string split)
    {
        long total = skipped.Values.Sum();
        return total == 0 ? null : $"{total} of {count} images of {name} ({split}) skipped, unusable: {Reasons(skipped)}";
    }

    /// <summary>"reason n, …" in declaration order of the reasons, zero counts left out.</summary>
    public static string Reasons(ILabeledImages data) => Reasons(data.Skipped);

    /// <summary>"reason n, …" of <paramref name="skipped"/>, in declaration order of the reasons, zero counts left out.</summary>
    public static string Reasons(IReadOnlyDictionary<DecodeStatus, long> skipped) =>
        string.Join(", ", DecodeStatusNames.Reasons.Where(r => skipped.GetValueOrDefault(r) > 0).Select(r => $"{r.ToName()} {skipped[r]}"));
}
