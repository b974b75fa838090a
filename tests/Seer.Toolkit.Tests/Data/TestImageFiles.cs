using SkiaSharp;

namespace Seer.Toolkit.Tests.Data;

/// <summary>Small distinct PNG files for pretraining tests: image i is a shifted scene.</summary>
internal static class TestImageFiles
{
    public static byte[] Png(int i, int side = 20) =>
        SkiaEncode.Rgb(side, side, (x, y, w, h) => TestPatterns.Scene((x + 3 * i) % w, (y + 5 * i) % h, w, h), SKEncodedImageFormat.Png);

    public static string Write(string folder, int i)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"img-{i:D3}.png");
        File.WriteAllBytes(path, Png(i));
        return path;
    }
}
