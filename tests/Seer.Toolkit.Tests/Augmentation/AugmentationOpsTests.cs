using Seer.Toolkit.Components.Augmentation;

namespace Seer.Toolkit.Tests.Augmentation;

/// <summary>Each photometric and geometric op against its defining formula.</summary>
public class AugmentationOpsTests
{
    private static ImageF Constant(int h, int w, float r, float g, float b)
    {
        var img = new ImageF(h, w);
        Array.Fill(img.Data, r, 0, img.Plane);
        Array.Fill(img.Data, g, img.Plane, img.Plane);
        Array.Fill(img.Data, b, 2 * img.Plane, img.Plane);
        return img;
    }

    private static ImageF Ramp(int h, int w)
    {
        var img = new ImageF(h, w);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) img.At(c, y, x) = (c * 7 + y * w + x) % 11 / 10f;
        return img;
    }

    [Fact]
    public void Generator_is_a_pure_function_of_its_coordinates()
    {
        var a = new AugmentRandom(1, 2, 3);
        var b = new AugmentRandom(1, 2, 3);
        var c = new AugmentRandom(1, 2, 4);
        var xs = Enumerable.Range(0, 100).Select(_ => a.NextDouble()).ToArray();
        Assert.Equal(xs, Enumerable.Range(0, 100).Select(_ => b.NextDouble()));
        Assert.NotEqual(xs, Enumerable.Range(0, 100).Select(_ => c.NextDouble()));
        var many = new AugmentRandom(9);
        var sample = Enumerable.Range(0, 20000).Select(_ => many.NextDouble()).ToArray();
        Assert.All(sample, v => Assert.InRange(v, 0, 1 - 1e-12));
        Assert.Equal(0.5, sample.Average(), 0.01);
    }

    [Fact]
    public void Crop_boxes_respect_bounds_scale_and_ratio()
    {
        var rng = new AugmentRandom(5);
        for (int i = 0; i < 2000; i++)
        {
            var box = RandomResizedCrop.Sample(60, 90, 0.05, 0.14, rng);
            Assert.InRange(box.Top, 0, 60 - box.Height);
            Assert.InRange(box.Left, 0, 90 - box.Width);
            double fraction = (double)box.Height * box.Width / (60 * 90);
            Assert.InRange(fraction, 0.035, 0.16);                      // rounding of h and w moves the area a little
            Assert.InRange((double)box.Width / box.Height, 0.6, 1.6);
        }
    }

    [Fact]
    public void Impossible_scale_falls_back_to_a_centre_crop_with_clamped_ratio()
    {
        // a 10×100 strip cannot hold a crop of its whole area with aspect ≤ 4/3: the fallback takes h = 10, w = 13
        var box = RandomResizedCrop.Sample(10, 100, 1.0, 1.0, new AugmentRandom(1));
        Assert.Equal(new CropBox(0, (100 - 13) / 2, 10, 13), box);
    }

    [Fact]
    public void Resize_of_the_full_box_to_the_same_size_is_the_identity()
    {
        var img = Ramp(7, 5);
        var same = RandomResizedCrop.CropResize(img, new CropBox(0, 0, 7, 5), 7);
        Assert.Equal(7, same.Height);
        var wide = Ramp(6, 6);
        Assert.Equal(wide.Data, RandomResizedCrop.CropResize(wide, new CropBox(0, 0, 6, 6), 6).Data);
    }

    [Fact]
    public void Bilinear_upsampling_uses_half_pixel_centres()
    {
        // source row [0, 1] → 4 samples at x = −0.25 (clamped), 0.25, 0.75, 1.25 (clamped)
        var img = new ImageF(2, 2);
        for (int c = 0; c < 3; c++) { img.At(c, 0, 1) = 1; img.At(c, 1, 1) = 1; }
        var up = RandomResizedCrop.CropResize(img, new CropBox(0, 0, 2, 2), 4);
        Assert.Equal(new[] { 0f, 0.25f, 0.75f, 1f }, Enumerable.Range(0, 4).Select(x => up.At(0, 0, x)));
    }

    [Fact]
    public void Brightness_contrast_saturation_follow_torchvision()
    {
        var img = Constant(2, 2, 0.2f, 0.4f, 0.6f);
        ColorOps.Brightness(img, 1.5f);
        Assert.Equal(0.3f, img.At(0, 0, 0), 5);
        Assert.Equal(0.9f, img.At(2, 1, 1), 5);

        var c = Ramp(4, 4);
        double meanLuma = Enumerable.Range(0, 16).Average(i => ColorOps.Luma(c.Data[i], c.Data[16 + i], c.Data[32 + i]));
        var before = c.Data[5];
        ColorOps.Contrast(c, 0.5f);
        Assert.Equal(0.5 * before + 0.5 * meanLuma, c.Data[5], 5);

        var s = Ramp(3, 3);
        var g = s.Clone();
        ColorOps.Saturation(s, 0f);
        ColorOps.Grayscale(g);
        Assert.Equal(g.Data, s.Data);
        Assert.Equal(0.299f * 0.2f + 0.587f * 0.4f + 0.114f * 0.6f, ColorOps.Luma(0.2f, 0.4f, 0.6f), 6);
    }

    [Fact]
    public void Hue_rotation_by_a_third_turns_red_into_green()
    {
        var img = Constant(1, 1, 1, 0, 0);
        ColorOps.Hue(img, 1f / 3);
        Assert.Equal(0f, img.At(0, 0, 0), 4);
        Assert.Equal(1f, img.At(1, 0, 0), 4);
        Assert.Equal(0f, img.At(2, 0, 0), 4);
        var (h, s, v) = ColorOps.ToHsv(0.3f, 0.6f, 0.9f);
        var (r, g, b) = ColorOps.FromHsv(h, s, v);
        Assert.Equal(0.3f, r, 5);
        Assert.Equal(0.6f, g, 5);
        Assert.Equal(0.9f, b, 5);
    }

    [Fact]
    public void Flip_mirrors_columns()
    {
        var img = Ramp(2, 3);
        var before = img.Clone();
        ColorOps.FlipHorizontal(img);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 2; y++)
                for (int x = 0; x < 3; x++) Assert.Equal(before.At(c, y, 2 - x), img.At(c, y, x));
    }

    [Fact]
    public void Gaussian_kernel_is_normalised_and_blur_is_separable()
    {
        var k = GaussianBlur.Kernel(1.3);
        Assert.Equal(9, k.Length);                                      // radius ⌈3.9⌉ = 4
        Assert.Equal(1.0, k.Sum(), 5);
        Assert.Equal(k, k.Reverse());
        Assert.Equal(Math.Exp(-1 / (2 * 1.3 * 1.3)), k[5] / k[4], 5);

        var flat = Constant(9, 9, 0.5f, 0.5f, 0.5f);
        GaussianBlur.Apply(flat, 1.3);
        Assert.All(flat.Data, v => Assert.Equal(0.5f, v, 5));

        var impulse = new ImageF(21, 21);
        impulse.At(0, 10, 10) = 1;
        GaussianBlur.Apply(impulse, 1.3);
        for (int dy = -4; dy <= 4; dy++)
            for (int dx = -4; dx <= 4; dx++)
                Assert.Equal(k[dy + 4] * k[dx + 4], impulse.At(0, 10 + dy, 10 + dx), 6);
        Assert.Equal([1, 0, 1, 2, 3, 2], new[] { -1, 0, 1, 2, 3, 4 }.Select(i => GaussianBlur.Reflect(i, 4)));
    }
}
