using SkiaSharp;
using Seer.Toolkit.Tests.Data;

namespace Seer.Toolkit.Tests.Datasets;

/// <summary>Small labelled image files written with SkiaSharp: class c has its own base colour, image i its own size and shading.</summary>
internal static class LabeledImageTree
{
    private static readonly (byte R, byte G, byte B)[] Colours = [(220, 40, 40), (40, 200, 60), (50, 60, 220), (200, 200, 40)];

    /// <summary>PNG (even i) or JPEG (odd i) bytes of image <paramref name="i"/> of class <paramref name="c"/>, about 24–40 px.</summary>
    public static byte[] Image(int c, int i)
    {
        var (r, g, b) = Colours[c % Colours.Length];
        int w = 24 + (7 * i + 3 * c) % 17, h = 22 + (5 * i + c) % 19;
        (byte, byte, byte) Pixel(int x, int y, int width, int height)
        {
            int shade = (x * 37 + y * 11 + i * 13) % 41 - 20;
            return (Clamp(r + shade), Clamp(g - shade), Clamp(b + shade / 2));
        }
        return i % 2 == 0 ? SkiaEncode.Rgb(w, h, Pixel, SKEncodedImageFormat.Png) : SkiaEncode.Jpeg(w, h, Pixel);
    }

    /// <summary>Writes <paramref name="perClass"/> images of each class under ROOT/PREFIX/&lt;class&gt;/.</summary>
    public static void Write(TempFolder folder, string prefix, IReadOnlyList<string> classes, int perClass)
    {
        for (int c = 0; c < classes.Count; c++)
            for (int i = 0; i < perClass; i++)
                folder.Write(Path.Combine(prefix, classes[c], $"{i:D2}.{(i % 2 == 0 ? "png" : "jpg")}"), Image(c, i));
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);
}
