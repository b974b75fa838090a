using Seer.Toolkit.Components.Augmentation;

namespace Seer.Toolkit.Tests.Augmentation;

/// <summary>The SwAV multi-crop pipeline: shapes, determinism, normalisation and crop-major batching.</summary>
public class MultiCropTests
{
    private static ImageF Photo(int h, int w)
    {
        var img = new ImageF(h, w);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) img.At(c, y, x) = (float)(0.5 + 0.5 * Math.Sin(0.1 * x * (c + 1) + 0.07 * y));
        return img;
    }

    [Fact]
    public void Seer_defaults_give_two_global_and_four_local_crops()
    {
        var t = new MultiCropTransform(new MultiCropOptions());
        var crops = t.Apply(Photo(300, 400), seed: 1, epoch: 0, sample: 0);
        Assert.Equal([224, 224, 96, 96, 96, 96], crops.Select(c => c.Image.Height));
        Assert.Equal([0, 0, 1, 1, 1, 1], crops.Select(c => c.Group));
    }

    [Fact]
    public void Same_seed_same_crops_and_other_samples_differ()
    {
        var o = new MultiCropOptions { Sizes = [32, 16], Counts = [2, 2] };
        var t = new MultiCropTransform(o);
        var img = Photo(64, 48);
        var a = t.Apply(img, 7, 3, 11);
        var b = t.Apply(img, 7, 3, 11);
        var c = t.Apply(img, 7, 3, 12);
        var d = t.Apply(img, 7, 4, 11);
        for (int i = 0; i < a.Count; i++) Assert.Equal(a[i].Image.Data, b[i].Image.Data);
        Assert.NotEqual(a[0].Image.Data, c[0].Image.Data);
        Assert.NotEqual(a[0].Image.Data, d[0].Image.Data);
        Assert.NotEqual(a[0].Image.Data, a[1].Image.Data);                // two views of one image differ
    }

    [Fact]
    public void Without_random_ops_a_full_crop_is_only_normalised()
    {
        var o = new MultiCropOptions
        {
            Sizes = [8], Counts = [1], ScaleMin = [1.0], ScaleMax = [1.0],
            FlipProbability = 0, JitterProbability = 0, GrayscaleProbability = 0, BlurProbability = 0,
        };
        var img = new ImageF(8, 8);
        Array.Fill(img.Data, 0.7f);
        var crop = new MultiCropTransform(o).Apply(img, 0, 0, 0).Single().Image;
        for (int c = 0; c < 3; c++) Assert.Equal((0.7f - o.Mean[c]) / o.Std[c], crop.At(c, 3, 4), 5);
    }

    [Fact]
    public void Collation_is_crop_major_per_resolution()
    {
        var o = new MultiCropOptions { Sizes = [8, 4], Counts = [2, 3] };
        var t = new MultiCropTransform(o);
        var samples = Enumerable.Range(0, 5).Select(b => t.Apply(Photo(20, 20), 1, 0, b)).ToList();
        var batches = MultiCropBatch.Collate(samples, o);
        Assert.Equal(2, batches.Count);
        Assert.Equal(new long[] { 10, 3, 8, 8 }, batches[0].Shape);
        Assert.Equal(new long[] { 15, 3, 4, 4 }, batches[1].Shape);
        int per = 3 * 4 * 4;
        // row k·B + b of the local group is local crop k of sample b (overall crop index 2 + k)
        Assert.Equal(samples[3][2 + 1].Image.Data, batches[1].Pixels.AsSpan((1 * 5 + 3) * per, per).ToArray());
    }

    [Fact]
    public void Inconsistent_options_name_the_problem()
    {
        var e = Assert.Throws<ArgumentException>(() => new MultiCropTransform(new MultiCropOptions { Sizes = [224, 96], Counts = [2] }));
        Assert.Contains("same length", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MultiCropTransform(new MultiCropOptions { ScaleMin = [0.5, 0.05], ScaleMax = [0.2, 0.14] }));
        Assert.Contains("scale_min <= scale_max", e.Message);
    }
}
