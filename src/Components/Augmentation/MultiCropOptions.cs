namespace Seer.Toolkit.Components.Augmentation;

/// <summary>
/// Multi-crop augmentation of SwAV / SEER (Caron et al. 2020 §3.2): crop groups of one resolution each, then flip, colour
/// distortion (jitter 0.8·s, 0.8·s, 0.8·s, 0.2·s with p 0.8, grayscale p 0.2), Gaussian blur (p 0.5, σ ~ U[0.1, 2])
/// and ImageNet normalisation. Defaults are SEER's 2×224 at scale [0.14, 1] + 4×96 at [0.05, 0.14].
/// </summary>
public sealed record MultiCropOptions
{
    /// <summary>Side of each crop group (globals first).</summary>
    public int[] Sizes { get; init; } = [224, 96];

    /// <summary>Crops per group.</summary>
    public int[] Counts { get; init; } = [2, 4];

    /// <summary>Lower bound of the area fraction per group.</summary>
    public double[] ScaleMin { get; init; } = [0.14, 0.05];

    /// <summary>Upper bound of the area fraction per group.</summary>
    public double[] ScaleMax { get; init; } = [1.0, 0.14];

    /// <summary>Probability of a horizontal flip.</summary>
    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Colour distortion strength s.</summary>
    public double ColorStrength { get; init; } = 1.0;

    /// <summary>Probability of applying colour jitter.</summary>
    public double JitterProbability { get; init; } = 0.8;

    /// <summary>Probability of grayscale conversion.</summary>
    public double GrayscaleProbability { get; init; } = 0.2;

    /// <summary>Probability of Gaussian blur.</summary>
    public double BlurProbability { get; init; } = 0.5;

    /// <summary>Blur σ range (pixels).</summary>
    public double BlurSigmaMin { get; init; } = 0.1;

    /// <summary>Blur σ range (pixels).</summary>
    public double BlurSigmaMax { get; init; } = 2.0;

    /// <summary>Per-channel mean subtracted at the end.</summary>
    public float[] Mean { get; init; } = [0.485f, 0.456f, 0.406f];

    /// <summary>Per-channel std divided at the end.</summary>
    public float[] Std { get; init; } = [0.229f, 0.224f, 0.225f];

    /// <summary>Total crops per image.</summary>
    public int TotalCrops => Counts.Sum();

    /// <summary>Checks that the per-group arrays agree and values are in range; the message names the field.</summary>
    public void Validate()
    {
        int n = Sizes.Length;
        if (n == 0) throw new ArgumentException("multi-crop: at least one crop group is needed");
        if (Counts.Length != n || ScaleMin.Length != n || ScaleMax.Length != n)
            throw new ArgumentException($"multi-crop: sizes, counts, scale_min and scale_max must have the same length (got {n}, {Counts.Length}, {ScaleMin.Length}, {ScaleMax.Length})");
        for (int g = 0; g < n; g++)
        {
            if (Sizes[g] < 1 || Counts[g] < 1) throw new ArgumentException($"multi-crop group {g}: size and count must be positive");
            if (!(ScaleMin[g] > 0 && ScaleMin[g] <= ScaleMax[g] && ScaleMax[g] <= 1))
                throw new ArgumentException($"multi-crop group {g}: need 0 < scale_min <= scale_max <= 1 (got {ScaleMin[g]}, {ScaleMax[g]})");
        }
        if (Mean.Length != 3 || Std.Length != 3 || Std.Any(s => s <= 0)) throw new ArgumentException("multi-crop: mean and std need 3 entries, std > 0");
    }
}
