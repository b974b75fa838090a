using Seer.Toolkit.Components.Datasets;
using SkiaSharp;

namespace Seer.Toolkit.Benchmarks;

/// <summary>
/// The JPEGs the data-path benchmark decodes: an even sample of real photos under $SEER_BENCH_JPEGS (default
/// /tmp/wild/images, from ../shared/data/fetch-wild-images.sh; never committed), else Fashion-MNIST images upscaled to
/// 224×224 and encoded at quality 90 into a temporary folder.
/// </summary>
internal static class BenchJpegs
{
    public static (IReadOnlyList<string> Files, string Description) Collect(int count)
    {
        var root = Environment.GetEnvironmentVariable("SEER_BENCH_JPEGS") ?? "/tmp/wild/images";
        if (Directory.Exists(root))
        {
            var all = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList();
            if (all.Count > 0)
            {
                var sample = Enumerable.Range(0, Math.Min(count, all.Count)).Select(i => all[(int)((long)i * all.Count / Math.Min(count, all.Count))]).ToList();
                return (sample, $"{sample.Count} of the {all.Count} JPEGs under {root} (every {all.Count / sample.Count}th by path)");
            }
        }
        return (FashionMnist(count), $"{count} Fashion-MNIST images upscaled to 224×224, JPEG quality 90 (no photo collection at {root})");
    }

    private static List<string> FashionMnist(int count)
    {
        var train = IdxDatasets.Load("fashion-mnist").Train;
        var dir = Directory.CreateTempSubdirectory("seer-bench-jpegs-").FullName;
        var files = new List<string>();
        for (int i = 0; i < count; i++)
        {
            using var small = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Rgba8888, SKAlphaType.Opaque));
            var gray = train.Images.Image(i);
            for (int p = 0; p < 28 * 28; p++) small.SetPixel(p % 28, p / 28, new SKColor(gray[p], gray[p], gray[p]));
            using var large = small.Resize(new SKImageInfo(224, 224, SKColorType.Rgba8888, SKAlphaType.Opaque), SKFilterQuality.Medium);
            using var data = large.Encode(SKEncodedImageFormat.Jpeg, 90);
            var path = Path.Combine(dir, $"fmnist-{i:D4}.jpg");
            File.WriteAllBytes(path, data.ToArray());
            files.Add(path);
        }
        return files;
    }
}
