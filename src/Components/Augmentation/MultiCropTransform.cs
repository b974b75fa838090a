namespace Seer.Toolkit.Components.Augmentation;

/// <summary>One augmented view: its group (resolution) and normalised CHW pixels.</summary>
public sealed record Crop(int Group, ImageF Image);

/// <summary>Applies <see cref="MultiCropOptions"/> to one image; deterministic in (seed, epoch, sample).</summary>
public sealed class MultiCropTransform
{
    private readonly MultiCropOptions _o;

    /// <summary>Validates and keeps the options.</summary>
    public MultiCropTransform(MultiCropOptions options)
    {
        options.Validate();
        _o = options;
    }

    /// <summary>The options in use.</summary>
    public MultiCropOptions Options => _o;

    /// <summary>All crops of one image, groups in order, each crop drawn from its own generator.</summary>
    public IReadOnlyList<Crop> Apply(ImageF source, long seed, long epoch, long sample)
    {
        var crops = new List<Crop>(_o.TotalCrops);
        int index = 0;
        for (int g = 0; g < _o.Sizes.Length; g++)
            for (int k = 0; k < _o.Counts[g]; k++, index++)
                crops.Add(new Crop(g, View(source, g, new AugmentRandom(seed, epoch, sample, index))));
        return crops;
    }

    /// <summary>crop → flip → colour distortion → blur → normalise.</summary>
    private ImageF View(ImageF source, int group, AugmentRandom rng)
    {
        var box = RandomResizedCrop.Sample(source.Height, source.Width, _o.ScaleMin[group], _o.ScaleMax[group], rng);
        var img = RandomResizedCrop.CropResize(source, box, _o.Sizes[group]);
        if (rng.Chance(_o.FlipProbability)) ColorOps.FlipHorizontal(img);
        if (rng.Chance(_o.JitterProbability)) Jitter(img, rng);
        if (rng.Chance(_o.GrayscaleProbability)) ColorOps.Grayscale(img);
        if (rng.Chance(_o.BlurProbability)) GaussianBlur.Apply(img, rng.Uniform(_o.BlurSigmaMin, _o.BlurSigmaMax));
        ColorOps.Normalize(img, _o.Mean, _o.Std);
        return img;
    }

    /// <summary>torchvision ColorJitter: the four adjustments in a random order, factors drawn per image.</summary>
    private void Jitter(ImageF img, AugmentRandom rng)
    {
        double s = _o.ColorStrength, b = 0.8 * s, c = 0.8 * s, sat = 0.8 * s, hue = Math.Min(0.5, 0.2 * s);
        Span<int> order = [0, 1, 2, 3];
        for (int i = 3; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        foreach (var op in order)
        {
            switch (op)
            {
                case 0: ColorOps.Brightness(img, (float)rng.Uniform(Math.Max(0, 1 - b), 1 + b)); break;
                case 1: ColorOps.Contrast(img, (float)rng.Uniform(Math.Max(0, 1 - c), 1 + c)); break;
                case 2: ColorOps.Saturation(img, (float)rng.Uniform(Math.Max(0, 1 - sat), 1 + sat)); break;
                default: ColorOps.Hue(img, (float)rng.Uniform(-hue, hue)); break;
            }
        }
    }
}
