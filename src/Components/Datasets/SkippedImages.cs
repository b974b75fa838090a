using Seer.Toolkit.Data;

namespace Seer.Toolkit.Components.Datasets;

/// <summary>The closing line about unusable images: "N of M images of D (split) skipped: reason n, …".</summary>
public static class SkippedImages
{
    /// <summary>Images skipped in <paramref name="data"/> so far.</summary>
    public static long Count(ILabeledImages data) => data.Skipped.Values.Sum();

    /// <summary>The message, or null when nothing was skipped.</summary>
    public static string? Describe(ILabeledImages data, string split)
    {
        long total = Count(data);
        return total == 0 ? null : $"{total} of {data.Count} images of {data.Name} ({split}) skipped, unusable: {Reasons(data)}";
    }

    /// <summary>"reason n, …" in declaration order of the reasons, zero counts left out.</summary>
    public static string Reasons(ILabeledImages data)
    {
        var skipped = data.Skipped;
        return string.Join(", ", DecodeStatusNames.Reasons.Where(r => skipped.GetValueOrDefault(r) > 0).Select(r => $"{r.ToName()} {skipped[r]}"));
    }
}
