using Seer.Toolkit.Components.Augmentation;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// The supervised training transform of swav eval_linear / eval_semisup and SEER fine-tuning: RandomResizedCrop(S,
/// scale [s_min, 1], ratio [3/4, 4/3]) + horizontal flip (p = ½), then normalisation; randomness from (seed, epoch, image).
/// </summary>
public static class TrainTransform
{
    /// <summary>The augmented, normalised crop of <paramref name="img"/> for <paramref name="epoch"/> (a new image).</summary>
    public static ImageF Apply(ImageF img, int side, double scaleMin, long seed, long epoch, long image, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        var rng = new AugmentRandom(seed, epoch, image);
        var box = RandomResizedCrop.Sample(img.Height, img.Width, scaleMin, 1.0, rng);
        var crop = RandomResizedCrop.CropResize(img, box, side);
        if (rng.Chance(0.5)) ColorOps.FlipHorizontal(crop);
        ColorOps.Normalize(crop, mean, std);
        return crop;
    }
}
