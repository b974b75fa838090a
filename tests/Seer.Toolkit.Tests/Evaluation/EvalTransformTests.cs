using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Evaluation;

namespace Seer.Toolkit.Tests.Evaluation;

/// <summary>The evaluation transform: torchvision's Resize(S·256/224) + CenterCrop(S), and the IDX whole-image resize.</summary>
public class EvalTransformTests
{
    private static ImageF Pattern(int h, int w, Func<int, int, int, float> value)
    {
        var img = new ImageF(h, w);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) img.At(c, y, x) = value(c, y, x);
        return img;
    }

    [Fact]
    public void Resize_side_is_256_for_224_and_scales_with_the_side()
    {
        Assert.Equal(256, EvalTransform.ResizeSide(224));
        Assert.Equal(32, EvalTransform.ResizeSide(28));
        Assert.Equal(110, EvalTransform.ResizeSide(96));      // 109.71 rounds up
    }

    [Fact]
    public void Antialiased_resize_averages_what_it_shrinks_and_keeps_constants()
    {
        // One bright column (x = 7) shrunk 16 → 4: a plain bilinear samples between columns 4o+1 and 4o+2 and misses it;
        // the triangle filter of support 4 gives outputs 1 and 2 the weights 0.625/4 and 0.375/4 and keeps its mass.
        var line = Pattern(3, 16, (_, _, x) => x == 7 ? 1 : 0);
        var small = ImageResize.Bilinear(line, 3, 4);
        for (int y = 0; y < 3; y++)
        {
            Assert.Equal([0f, 0.15625f, 0.09375f, 0f], Enumerable.Range(0, 4).Select(x => MathF.Round(small.At(1, y, x), 6)));
            Assert.Equal(1.0, 4 * Enumerable.Range(0, 4).Sum(x => small.At(1, y, x)), 5);
        }
        var flat = ImageResize.Bilinear(Pattern(7, 13, (c, _, _) => 0.25f * (c + 1)), 19, 5);
        Assert.All(Enumerable.Range(0, flat.Plane), i => Assert.Equal(0.5f, flat.Data[flat.Plane + i], 5));
        var same = Pattern(5, 6, (c, y, x) => c + y * 10 + x);
        Assert.Equal(same.Data, ImageResize.Bilinear(same, 5, 6).Data);
    }

    [Fact]
    public void Resize_then_centre_crop_keeps_the_middle_of_a_wide_image()
    {
        // 40 × 80 image whose value is the column: shorter side 40 → 32 (S = 28), longer 64; crop offset (64 − 28) / 2 = 18.
        var wide = Pattern(40, 80, (_, _, x) => x);
        var out28 = EvalTransform.Apply(wide, 28, EvalCrop.ResizeCenterCrop);
        Assert.Equal((28, 28), (out28.Height, out28.Width));
        var resized = ImageResize.Bilinear(wide, 32, 64);
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++)
                Assert.Equal(resized.At(0, y + 2, x + 18), out28.At(0, y, x));
        Assert.Equal(27 * 80 / 64.0, out28.At(0, 0, 27) - out28.At(0, 0, 0), 1);   // columns kept in order, 1.25 source px apart
        var tall = EvalTransform.Apply(Pattern(90, 30, (_, y, _) => y), 28, EvalCrop.ResizeCenterCrop);
        Assert.Equal((28, 28), (tall.Height, tall.Width));
        Assert.InRange(tall.At(1, 14, 14), 40, 50);                             // the middle row of the tall image stays in the middle
    }

    [Fact]
    public void Whole_image_mode_is_the_idx_resize_and_never_changes_its_input()
    {
        var gray = Pattern(28, 28, (_, y, x) => (y * 28 + x) / 784f);
        var same = EvalTransform.Apply(gray, 28, EvalCrop.WholeImage);
        Assert.Equal(gray.Data, same.Data);
        Assert.NotSame(gray.Data, same.Data);
        var up = EvalTransform.Apply(gray, 32, EvalCrop.WholeImage);
        Assert.Equal(RandomResizedCrop.CropResize(gray, new CropBox(0, 0, 28, 28), 32).Data, up.Data);
    }
}
