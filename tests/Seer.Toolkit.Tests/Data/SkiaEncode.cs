using System.Runtime.InteropServices;
using SkiaSharp;

namespace Seer.Toolkit.Tests.Data;

/// <summary>Encodes test images with SkiaSharp (PNG, JPEG, WebP; Skia has no GIF/BMP encoder).</summary>
internal static class SkiaEncode
{
    public static byte[] Rgba(int width, int height, Func<int, int, (byte R, byte G, byte B, byte A)> pixel, SKEncodedImageFormat format, int quality = 95)
    {
        using var bitmap = Bitmap(width, height, pixel);
        using var data = bitmap.Encode(format, quality) ?? throw new InvalidOperationException($"Skia could not encode {format}");
        return data.ToArray();
    }

    public static byte[] Rgb(int width, int height, Func<int, int, int, int, (byte R, byte G, byte B)> pattern, SKEncodedImageFormat format, int quality = 95) =>
        Rgba(width, height, (x, y) =>
        {
            var (r, g, b) = pattern(x, y, width, height);
            return (r, g, b, (byte)255);
        }, format, quality);

    public static byte[] Jpeg(int width, int height, Func<int, int, int, int, (byte R, byte G, byte B)> pattern, int quality = 95) =>
        Rgb(width, height, pattern, SKEncodedImageFormat.Jpeg, quality);

    public static byte[] WebPLossless(int width, int height, Func<int, int, (byte R, byte G, byte B, byte A)> pixel)
    {
        using var bitmap = Bitmap(width, height, pixel);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 100));
        return data.ToArray();
    }

    // Unpremultiplied RGBA written straight into the bitmap's memory (no colour conversion on the way in).
    private static SKBitmap Bitmap(int width, int height, Func<int, int, (byte R, byte G, byte B, byte A)> pixel)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var rgba = new byte[4 * width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var i = 4 * (y * width + x);
                (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = pixel(x, y);
            }
        Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return bitmap;
    }
}
