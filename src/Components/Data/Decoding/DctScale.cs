namespace Seer.Toolkit.Data;

/// <summary>Chooses a JPEG DCT scaling factor (1, 1/2, 1/4, 1/8) for a requested minimum side.</summary>
public static class DctScale
{
    /// <summary>Denominators tried, smallest output first.</summary>
    public static IReadOnlyList<int> Denominators { get; } = [8, 4, 2];

    /// <summary>ceil(<paramref name="dimension"/> / <paramref name="denominator"/>), as TJSCALED computes it.</summary>
    public static int Scaled(int dimension, int denominator) => (int)(((long)dimension + denominator - 1) / denominator);

    /// <summary>
    /// The largest denominator (smallest image) among <paramref name="supported"/> whose shorter scaled side is still
    /// >= <paramref name="minSide"/>; 1 when <paramref name="minSide"/> is 0 or no reduction fits.
    /// </summary>
    public static int Choose(int width, int height, int minSide, IEnumerable<int> supported)
    {
        if (minSide <= 0) return 1;
        var allowed = supported.ToHashSet();
        foreach (var d in Denominators)
            if (allowed.Contains(d) && Math.Min(Scaled(width, d), Scaled(height, d)) >= minSide)
                return d;
        return 1;
    }
}
