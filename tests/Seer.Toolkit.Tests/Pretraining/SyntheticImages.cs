using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Pretraining;

namespace Seer.Toolkit.Tests.Pretraining;

/// <summary>
/// <paramref name="count"/> square RGB test images of side <paramref name="side"/>, each filled by
/// <paramref name="fill"/>(index, image); stateless, so any thread may load any image any number of times.
/// </summary>
internal sealed class SyntheticImages(int count, int side, Action<int, ImageF> fill) : IImageCollection
{
    /// <inheritdoc />
    public int Count => count;

    /// <inheritdoc />
    public ImageF? Load(int index)
    {
        var img = new ImageF(side, side);
        fill(index, img);
        return img;
    }

    /// <summary>Pixel (c, y, x) of image i is <paramref name="pixel"/>(i, c, y, x).</summary>
    public static SyntheticImages FromFormula(int count, int side, Func<int, int, int, int, float> pixel) =>
        new(count, side, (i, img) =>
        {
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < side; y++)
                    for (int x = 0; x < side; x++)
                        img.At(c, y, x) = pixel(i, c, y, x);
        });

    /// <summary>Pixels drawn in (c, y, x) order from a generator seeded by the image index.</summary>
    public static SyntheticImages SeededNoise(int count, int side) =>
        new(count, side, (i, img) =>
        {
            var random = new Random(i);
            for (int c = 0; c < 3; c++)
                for (int y = 0; y < side; y++)
                    for (int x = 0; x < side; x++)
                        img.At(c, y, x) = random.NextSingle();
        });
}
