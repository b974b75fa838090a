using System.Diagnostics;
using System.Globalization;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Data;

namespace Seer.Toolkit.Benchmarks;

/// <summary>
/// Data path, images per second on one core: our JPEG decode (full size, and DCT-scaled as pretraining decodes) and the
/// SEER multi-crop transform (2×224 + 4×96), each against libjpeg-turbo's tjbench decoding the same files in the same run.
/// Per file: tjbench, then ours, each timed for the same duration after a warm-up; totals are Σ per-image times.
/// </summary>
internal static class DataPathBenchmark
{
    public static string Run(string outDir, int count = 48, double seconds = 0.3, double warmup = 0.1)
    {
        var tjbench = TjBench.Locate();
        if (tjbench is null)
            return Write(outDir, "data path: tjbench not found (install libjpeg-turbo-progs: build/scripts/install-system-packages.sh --bench); not measured\n");
        var (files, description) = BenchJpegs.Collect(count);
        var full = new ImageDecoder(new DecodeOptions { MinSide = 0 });
        var scaled = new ImageDecoder(new DecodeOptions { MinSide = 224 });
        if (!full.UsesTurboJpeg) return Write(outDir, "data path: libturbojpeg0 missing, our decoder would use SkiaSharp; not measured\n");
        var transform = new MultiCropTransform(new MultiCropOptions());
        double tj = 0, ours = 0, ourScaled = 0, crops = 0;
        long pixels = 0;
        int used = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var decoded = full.Decode(bytes);
            if (!decoded.IsOk || TjBench.FramesPerSecond(tjbench, file, seconds, warmup) is not { } fps) continue;   // compare only files both decode
            used++;
            pixels += (long)decoded.Image!.Width * decoded.Image.Height;
            tj += 1 / fps;
            ours += SecondsPerCall(() => full.Decode(bytes), seconds, warmup);
            ourScaled += SecondsPerCall(() => scaled.Decode(bytes), seconds, warmup);
            var small = scaled.Decode(bytes).Image!;
            var source = ImageF.FromRgb(small.Rgb, small.Height, small.Width);
            long sample = 0;
            crops += SecondsPerCall(() => transform.Apply(source, 0, 0, sample++), seconds, warmup);
        }
        var rows = new[]
        {
            Row("tjbench decode to RGB, full size (baseline)", used / tj, 1.0),
            Row("ours: ImageDecoder, full size", used / ours, tj / ours),
            Row("ours: ImageDecoder, DCT-scaled to min side 224 (as pretraining decodes)", used / ourScaled, tj / ourScaled),
            Row("ours: multi-crop 2×224 + 4×96 on the scaled image (transform only)", used / crops, tj / crops),
        };
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Data path, one core: {used} JPEGs ({description}; {used} decoded by both), mean {pixels / Math.Max(1, used) / 1e6:F2} Mpixel, {seconds} s timed per file and variant after {warmup} s warm-up\n\n")
            + "| variant | img/s per core | vs tjbench |\n|---|---:|---:|\n" + string.Join('\n', rows) + "\n";
        return Write(outDir, text);
    }

    private static double SecondsPerCall(Action action, double seconds, double warmup)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < warmup) action();
        long calls = 0;
        clock.Restart();
        while (clock.Elapsed.TotalSeconds < seconds || calls == 0)
        {
            action();
            calls++;
        }
        return clock.Elapsed.TotalSeconds / calls;
    }

    private static string Row(string name, double perSecond, double ratio) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {perSecond:F1} | {ratio:F3} |");

    private static string Write(string outDir, string text)
    {
        Console.WriteLine(text);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "data.md"), text);
        return text;
    }
}
