using Seer.Toolkit.Data;

namespace Seer.Toolkit.Tests.Data;

/// <summary>JPEG through TurboJPEG: EXIF orientation, DCT scaling, CMYK, and agreement with SkiaSharp.</summary>
public class JpegDecodeTests
{
    private static readonly ImageDecoder Turbo = new();
    private static readonly ImageDecoder Skia = new(new DecodeOptions { UseTurboJpeg = false });

    [Fact]
    public void TurboJpeg_is_installed_and_used()
    {
        Assert.True(TurboJpegLibrary.IsAvailable, TurboJpegLibrary.UnavailableReason);
        Assert.True(Turbo.UsesTurboJpeg);
        Assert.Contains((1, 8), TurboJpegLibrary.ScalingFactors);
    }

    [Fact]
    public void Exif_orientation_6_swaps_size_and_rotates_clockwise()
    {
        var jpeg = JpegSegments.InsertAfterSoi(SkiaEncode.Jpeg(64, 32, TestPatterns.Quadrant), JpegSegments.ExifApp1(6));
        var result = Turbo.Decode(jpeg);
        Assert.True(result.IsOk, result.Message);
        Assert.Equal((32, 64), (result.Width, result.Height));
        var image = result.Image!;
        Assert.Equal((32, 64), (image.Width, image.Height));
        AssertColor(TestPatterns.Red, image[24, 8]);           // the stored top-left corner is now top-right
        AssertColor(TestPatterns.Green, image[24, 56]);        // stored top-right → bottom-right
        AssertColor(TestPatterns.Blue, image[8, 8]);           // stored bottom-left → top-left
    }

    // Where the stored red (top-left) and green (top-right) quadrants land for each EXIF orientation.
    [Theory]
    [InlineData(1, "TL", "TR", false)]
    [InlineData(2, "TR", "TL", false)]
    [InlineData(3, "BR", "BL", false)]
    [InlineData(4, "BL", "BR", false)]
    [InlineData(5, "TL", "BL", true)]
    [InlineData(6, "TR", "BR", true)]
    [InlineData(7, "BR", "TR", true)]
    [InlineData(8, "BL", "TL", true)]
    public void Every_exif_orientation_lands_corners_where_the_spec_says(int orientation, string red, string green, bool swapped)
    {
        foreach (var littleEndian in new[] { false, true })
        {
            var jpeg = JpegSegments.InsertAfterSoi(SkiaEncode.Jpeg(64, 32, TestPatterns.Quadrant), JpegSegments.ExifApp1(orientation, littleEndian));
            foreach (var decoder in new[] { Turbo, Skia })
            {
                var image = decoder.Decode(jpeg).Image!;
                Assert.Equal(swapped ? (32, 64) : (64, 32), (image.Width, image.Height));
                AssertColor(TestPatterns.Red, Corner(image, red));
                AssertColor(TestPatterns.Green, Corner(image, green));
            }
        }
    }

    [Theory]
    [InlineData(224, 400, 300)]      // 1/4 would be 200 × 150 < 224
    [InlineData(150, 200, 150)]      // 1/4
    [InlineData(60, 100, 75)]        // 1/8
    [InlineData(0, 800, 600)]        // full size
    [InlineData(1000, 800, 600)]     // cannot reach the minimum: full size
    public void Dct_scaling_picks_the_smallest_size_whose_side_reaches_the_minimum(int minSide, int width, int height)
    {
        var jpeg = SkiaEncode.Jpeg(800, 600, TestPatterns.Scene, quality: 85);
        foreach (var useTurbo in new[] { true, false })
        {
            var result = new ImageDecoder(new DecodeOptions { MinSide = minSide, UseTurboJpeg = useTurbo }).Decode(jpeg);
            Assert.True(result.IsOk, result.Message);
            Assert.Equal((800, 600), (result.Width, result.Height));                     // full size is still reported
            Assert.Equal((width, height), (result.Image!.Width, result.Image.Height));
            if (minSide is > 0 and <= 600) Assert.True(Math.Min(result.Image.Width, result.Image.Height) >= minSide);
        }
    }

    [Fact]
    public void Scaled_decode_resembles_the_full_decode()
    {
        var jpeg = SkiaEncode.Jpeg(640, 480, TestPatterns.Scene, quality: 90);
        var scaled = new ImageDecoder(new DecodeOptions { MinSide = 100 }).Decode(jpeg).Image!;
        Assert.Equal((160, 120), (scaled.Width, scaled.Height));
        var reference = TestPatterns.Rgb(160, 120, TestPatterns.Scene);
        Assert.True(TestPatterns.MeanAbsoluteDifference(scaled.Rgb, reference) < 6, "1/4-scale decode does not look like the scene");
    }

    [Fact]
    public void TurboJpeg_and_SkiaSharp_agree_on_the_same_file()
    {
        var jpeg = SkiaEncode.Jpeg(333, 257, TestPatterns.Scene, quality: 90);
        var a = Turbo.Decode(jpeg).Image!;
        var b = Skia.Decode(jpeg).Image!;
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        var mad = TestPatterns.MeanAbsoluteDifference(a.Rgb, b.Rgb);
        Assert.True(mad < 1.5, $"mean absolute difference {mad:F3}");
        Assert.True(TestPatterns.MeanAbsoluteDifference(a.Rgb, TestPatterns.Rgb(333, 257, TestPatterns.Scene)) < 4);
    }

    [Fact]
    public void Adobe_cmyk_jpeg_decodes_to_rgb_and_matches_skia()
    {
        // Photoshop-style inverted CMYK (sample = 255 − ink), encoded by TurboJPEG as YCCK with an Adobe APP14 marker.
        const int w = 32, h = 32;
        var cmyk = new byte[4 * w * h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                byte[] sample = (x < w / 2, y < h / 2) switch
                {
                    (true, true) => [255, 0, 0, 255],          // no cyan ink, full magenta and yellow: red
                    (false, true) => [0, 255, 0, 255],         // green
                    (true, false) => [0, 0, 255, 255],         // blue
                    _ => [255, 255, 255, 127],                 // half black ink: gray 127
                };
                sample.CopyTo(cmyk, 4 * (y * w + x));
            }
        var jpeg = TurboJpegTestEncoder.EncodeCmyk(cmyk, w, h);
        var markers = JpegMarkerInfo.Read(jpeg);
        Assert.True(markers.HasAdobeMarker);
        var result = Turbo.Decode(jpeg);
        Assert.True(result.IsOk, result.Message);
        var image = result.Image!;
        AssertColor(TestPatterns.Red, image[8, 8]);
        AssertColor(TestPatterns.Green, image[24, 8]);
        AssertColor(TestPatterns.Blue, image[8, 24]);
        AssertColor((127, 127, 127), image[24, 24]);
        var skia = Skia.Decode(jpeg);
        Assert.True(skia.IsOk, skia.Message);
        Assert.True(TestPatterns.MeanAbsoluteDifference(image.Rgb, skia.Image!.Rgb) < 3);
    }

    [Fact]
    public void Cmyk_conversion_handles_plain_and_inverted_samples()
    {
        byte[] inkRed = [0, 255, 255, 0];                         // plain: ink amounts
        byte[] invertedRed = [255, 0, 0, 255];                    // Adobe: 255 − ink
        Assert.Equal([255, 0, 0], CmykConverter.ToRgb(inkRed, inverted: false));
        Assert.Equal([255, 0, 0], CmykConverter.ToRgb(invertedRed, inverted: true));
        Assert.Equal([0, 0, 0], CmykConverter.ToRgb([0, 0, 0, 255], inverted: false));
        Assert.Equal([128, 128, 128], CmykConverter.ToRgb([0, 0, 0, 127], inverted: false));
    }

    [Fact]
    public void Marker_walk_reads_orientation_and_adobe_and_stops_at_the_scan()
    {
        var plain = SkiaEncode.Jpeg(16, 16, TestPatterns.Quadrant);
        Assert.Equal(new JpegMarkerInfo(1, false, JpegMarkerEnd.StartOfScan), JpegMarkerInfo.Read(plain));
        var rotated = JpegSegments.InsertAfterSoi(plain, JpegSegments.ExifApp1(8, littleEndian: true));
        Assert.Equal(new JpegMarkerInfo(8, false, JpegMarkerEnd.StartOfScan), JpegMarkerInfo.Read(rotated));
        Assert.Equal(JpegMarkerEnd.EndOfData, JpegMarkerInfo.Read(rotated.AsSpan(0, 30)).End);
        Assert.Equal(1, JpegMarkerInfo.Read(JpegSegments.InsertAfterSoi(plain, JpegSegments.ExifApp1(9))).Orientation);
    }

    private static (byte R, byte G, byte B) Corner(DecodedImage image, string corner) => corner switch
    {
        "TL" => image[image.Width / 4, image.Height / 4],
        "TR" => image[3 * image.Width / 4, image.Height / 4],
        "BL" => image[image.Width / 4, 3 * image.Height / 4],
        _ => image[3 * image.Width / 4, 3 * image.Height / 4],
    };

    private static void AssertColor((byte R, byte G, byte B) expected, (byte R, byte G, byte B) actual) =>
        Assert.True(Math.Abs(expected.R - actual.R) < 24 && Math.Abs(expected.G - actual.G) < 24 && Math.Abs(expected.B - actual.B) < 24,
            $"expected about {expected}, got {actual}");
}
