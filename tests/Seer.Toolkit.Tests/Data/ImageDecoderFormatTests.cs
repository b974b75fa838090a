using Seer.Toolkit.Data;
using SkiaSharp;

namespace Seer.Toolkit.Tests.Data;

/// <summary>Every supported format comes out as upright 8-bit RGB with alpha flattened onto gray.</summary>
public class ImageDecoderFormatTests
{
    private static readonly ImageDecoder Decoder = new();

    private static DecodedImage DecodeOk(byte[] data, ImageFormat format, int width, int height)
    {
        var result = Decoder.Decode(data);
        Assert.True(result.IsOk, $"{format}: {result.Status} {result.Message}");
        Assert.Equal(format, result.Format);
        Assert.Equal((width, height), (result.Width, result.Height));
        var image = result.Image!;
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(3 * width * height, image.Rgb.Length);
        return image;
    }

    private static void AssertClose((byte R, byte G, byte B) expected, (byte R, byte G, byte B) actual, int tolerance = 0) =>
        Assert.True(Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance,
            $"expected {expected}, got {actual} (tolerance {tolerance})");

    [Fact]
    public void Png_rgba_composites_alpha_over_gray_128()
    {
        var png = SkiaEncode.Rgba(3, 1, (x, _) => x switch
        {
            0 => (255, 0, 0, 255),
            1 => (255, 0, 0, 0),
            _ => (255, 0, 0, 128),
        }, SKEncodedImageFormat.Png);
        var image = DecodeOk(png, ImageFormat.Png, 3, 1);
        AssertClose((255, 0, 0), image[0, 0]);
        AssertClose((128, 128, 128), image[1, 0]);
        AssertClose((192, 64, 64), image[2, 0], tolerance: 1);      // 255·128/255 + 128·127/255, 128·127/255
    }

    [Fact]
    public void Palette_png_with_transparency_is_rgb()
    {
        byte[] palette = [255, 0, 0, 0, 0, 255, 9, 9, 9];
        byte[] alpha = [255, 255, 0];                                  // index 2 fully transparent
        var rows = PngWriter.Unfiltered([0, 1, 2, 1], 4, 1);
        var image = DecodeOk(PngWriter.Write(4, 1, 8, 3, rows, palette, alpha), ImageFormat.Png, 4, 1);
        AssertClose((255, 0, 0), image[0, 0]);
        AssertClose((0, 0, 255), image[1, 0]);
        AssertClose((128, 128, 128), image[2, 0]);
    }

    [Fact]
    public void Grayscale_png_8_bit_replicates_into_rgb()
    {
        var rows = PngWriter.Unfiltered([0, 100, 255], 3, 1);
        var image = DecodeOk(PngWriter.Write(3, 1, 8, 0, rows), ImageFormat.Png, 3, 1);
        AssertClose((0, 0, 0), image[0, 0]);
        AssertClose((100, 100, 100), image[1, 0]);
        AssertClose((255, 255, 255), image[2, 0]);
    }

    [Fact]
    public void Sixteen_bit_rgb_png_is_reduced_to_8_bit()
    {
        byte[] samples = [0xFF, 0xFF, 0x00, 0x00, 0x80, 0x00, /* pixel 2 */ 0x00, 0x00, 0x40, 0x40, 0xFF, 0xFF];
        var image = DecodeOk(PngWriter.Write(2, 1, 16, 2, PngWriter.Unfiltered(samples, 12, 1)), ImageFormat.Png, 2, 1);
        AssertClose((255, 0, 128), image[0, 0], tolerance: 1);
        AssertClose((0, 64, 255), image[1, 0], tolerance: 1);
    }

    [Fact]
    public void Sixteen_bit_gray_alpha_png_is_flattened()
    {
        byte[] samples = [0xFF, 0xFF, 0xFF, 0xFF, /* transparent */ 0x00, 0x00, 0x00, 0x00];
        var image = DecodeOk(PngWriter.Write(2, 1, 16, 4, PngWriter.Unfiltered(samples, 8, 1)), ImageFormat.Png, 2, 1);
        AssertClose((255, 255, 255), image[0, 0]);
        AssertClose((128, 128, 128), image[1, 0]);
    }

    [Fact]
    public void Gif_decodes_its_first_frame()
    {
        (byte, byte, byte)[] palette = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255)];
        var first = new byte[8 * 4];
        var second = Enumerable.Repeat((byte)3, 8 * 4).ToArray();
        for (var i = 0; i < first.Length; i++) first[i] = (byte)(i % 8 < 4 ? 0 : 2);
        var image = DecodeOk(GifWriter.Write(8, 4, palette, first, second), ImageFormat.Gif, 8, 4);
        AssertClose((255, 0, 0), image[1, 1]);
        AssertClose((0, 0, 255), image[6, 2]);
    }

    [Fact]
    public void Webp_lossless_is_exact()
    {
        var webp = SkiaEncode.WebPLossless(16, 8, (x, y) =>
        {
            var (r, g, b) = TestPatterns.Quadrant(x, y, 16, 8);
            return (r, g, b, (byte)255);
        });
        var image = DecodeOk(webp, ImageFormat.WebP, 16, 8);
        Assert.Equal(TestPatterns.Rgb(16, 8, TestPatterns.Quadrant), image.Rgb);
    }

    [Fact]
    public void Bmp_24_bit_bottom_up_is_exact()
    {
        var rgb = TestPatterns.Rgb(5, 3, TestPatterns.Scene);
        var image = DecodeOk(BmpWriter.Write(5, 3, rgb), ImageFormat.Bmp, 5, 3);
        Assert.Equal(rgb, image.Rgb);
    }

    [Fact]
    public void Ppm_and_16_bit_pgm_decode()
    {
        var rgb = TestPatterns.Rgb(4, 2, TestPatterns.Quadrant);
        var ppm = DecodeOk([.. "P6\n# comment\n4 2\n255\n"u8, .. rgb], ImageFormat.Pnm, 4, 2);
        Assert.Equal(rgb, ppm.Rgb);
        var pgm = DecodeOk([.. "P5 2 1 65535\n"u8, 0xFF, 0xFF, 0x80, 0x00], ImageFormat.Pnm, 2, 1);
        AssertClose((255, 255, 255), pgm[0, 0]);
        AssertClose((128, 128, 128), pgm[1, 0], tolerance: 1);
    }

    [Fact]
    public void Png_keeps_exact_pixels()
    {
        var rgb = TestPatterns.Rgb(9, 7, TestPatterns.Scene);
        var image = DecodeOk(SkiaEncode.Rgb(9, 7, TestPatterns.Scene, SKEncodedImageFormat.Png), ImageFormat.Png, 9, 7);
        Assert.Equal(rgb, image.Rgb);
    }
}
