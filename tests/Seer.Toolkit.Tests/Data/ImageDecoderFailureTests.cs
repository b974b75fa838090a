using System.Diagnostics;
using Seer.Toolkit.Data;
using SkiaSharp;

namespace Seer.Toolkit.Tests.Data;

/// <summary>Bad input is reported with a reason and never throws.</summary>
public class ImageDecoderFailureTests
{
    public static TheoryData<bool> BothJpegDecoders => new() { true, false };

    [Theory]
    [MemberData(nameof(BothJpegDecoders))]
    public void Jpeg_cut_in_half_is_truncated_or_corrupt(bool turbo)
    {
        var jpeg = SkiaEncode.Jpeg(256, 192, TestPatterns.Scene, quality: 92);
        var decoder = new ImageDecoder(new DecodeOptions { UseTurboJpeg = turbo });
        var result = decoder.Decode(jpeg.AsSpan(0, jpeg.Length / 2));
        Assert.Contains(result.Status, new[] { DecodeStatus.Truncated, DecodeStatus.Corrupt });
        Assert.Null(result.Image);
    }

    [Fact]
    public void Jpeg_with_damaged_entropy_data_is_corrupt()
    {
        var jpeg = SkiaEncode.Jpeg(256, 192, TestPatterns.Scene, quality: 92);
        var scan = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]);
        var middle = (scan + jpeg.Length) / 2;
        for (var i = middle; i < middle + 64; i += 2) (jpeg[i], jpeg[i + 1]) = (0xFF, 0x00);   // a run of 1-bits: no valid Huffman code
        var result = new ImageDecoder().Decode(jpeg);
        Assert.True(result.Status == DecodeStatus.Corrupt, $"{result.Status}: {result.Message}");
        Assert.Equal((256, 192), (result.Width, result.Height));
    }

    [Fact]
    public void Jpeg_with_an_unknown_marker_inside_its_scan_is_corrupt()
    {
        // libjpeg first warns (premature end of data segment), then fails on the marker: the failure must win.
        var jpeg = SkiaEncode.Jpeg(256, 192, TestPatterns.Scene, quality: 92);
        var scan = jpeg.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]);
        var middle = (scan + jpeg.Length) / 2;
        byte[] damaged = [.. jpeg.AsSpan(0, middle), 0xFF, 0x53, .. jpeg.AsSpan(middle)];
        var result = new ImageDecoder().Decode(damaged);
        Assert.True(result.Status == DecodeStatus.Corrupt, $"{result.Status}: {result.Message}");
    }

    [Fact]
    public void Jpeg_cut_inside_its_header_is_truncated()
    {
        var jpeg = SkiaEncode.Jpeg(64, 64, TestPatterns.Scene);
        var result = new ImageDecoder().Decode(jpeg.AsSpan(0, 40));
        Assert.True(DecodeStatus.Truncated == result.Status, $"{result.Status}: {result.Message}; {JpegMarkerInfo.Read(jpeg.AsSpan(0, 40))}; {Convert.ToHexString(jpeg.AsSpan(0, 40))}");
    }

    [Fact]
    public void Png_cut_in_half_is_truncated_or_corrupt()
    {
        var png = SkiaEncode.Rgb(128, 128, TestPatterns.Scene, SKEncodedImageFormat.Png);
        var result = new ImageDecoder().Decode(png.AsSpan(0, png.Length / 2));
        Assert.Contains(result.Status, new[] { DecodeStatus.Truncated, DecodeStatus.Corrupt });
    }

    [Fact]
    public void Empty_is_empty() => Assert.Equal(DecodeStatus.Empty, new ImageDecoder().Decode([]).Status);

    [Fact]
    public void Random_bytes_are_not_an_image()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0;
        Assert.Equal(DecodeStatus.NotAnImage, new ImageDecoder().Decode(bytes).Status);
    }

    [Fact]
    public void Text_file_named_jpg_is_not_an_image()
    {
        using var folder = new TempFolder();
        var path = folder.Write("notes.jpg", "this is not a picture\n"u8.ToArray());
        var result = new ImageDecoder().Decode(new FileImageItem(path));
        Assert.Equal(DecodeStatus.NotAnImage, result.Status);
        Assert.Null(result.Width);
    }

    [Fact]
    public void Tiff_is_unsupported() =>
        Assert.Equal(DecodeStatus.Unsupported, new ImageDecoder().Decode([.. "II*\0"u8, 8, 0, 0, 0, 0, 0]).Status);

    [Fact]
    public void Missing_file_is_an_io_error() =>
        Assert.Equal(DecodeStatus.IoError, new ImageDecoder().Decode(new FileImageItem("/nonexistent/seer/image.png")).Status);

    [Fact]
    public void Huge_png_header_is_too_large_without_decoding()
    {
        var png = PngWriter.HeaderOnly(20000, 20000);
        var decoder = new ImageDecoder(new DecodeOptions { MaxPixels = 10_000_000 });
        var memoryBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var result = decoder.Decode(png);
        watch.Stop();
        Assert.Equal(DecodeStatus.TooLarge, result.Status);
        Assert.Equal((20000, 20000), (result.Width, result.Height));           // the header's size
        Assert.True(watch.ElapsedMilliseconds < 1000, $"took {watch.ElapsedMilliseconds} ms");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - memoryBefore < 10_000_000, "pixel memory was allocated");
    }

    [Fact]
    public void Jpeg_over_the_pixel_limit_is_too_large_and_reports_the_oriented_header_size()
    {
        var jpeg = JpegSegments.InsertAfterSoi(SkiaEncode.Jpeg(400, 100, TestPatterns.Scene), JpegSegments.ExifApp1(6));
        var result = new ImageDecoder(new DecodeOptions { MaxPixels = 39_999 }).Decode(jpeg);
        Assert.Equal(DecodeStatus.TooLarge, result.Status);
        Assert.Equal((100, 400), (result.Width, result.Height));
    }

    [Fact]
    public void Pnm_short_data_is_truncated() =>
        Assert.Equal(DecodeStatus.Truncated, new ImageDecoder().Decode([.. "P6 4 4 255\n"u8, 1, 2, 3]).Status);

    [Fact]
    public void Damaged_bytes_never_throw()
    {
        var rng = new Random(11);
        byte[][] seeds =
        [
            SkiaEncode.Jpeg(48, 32, TestPatterns.Scene),
            SkiaEncode.Rgb(48, 32, TestPatterns.Scene, SKEncodedImageFormat.Png),
            SkiaEncode.Rgb(48, 32, TestPatterns.Scene, SKEncodedImageFormat.Webp, 80),
            BmpWriter.Write(8, 8, new byte[192]),
            [.. "P6 4 4 255\n"u8, .. new byte[48]],
        ];
        foreach (var turbo in new[] { true, false })
        {
            var decoder = new ImageDecoder(new DecodeOptions { UseTurboJpeg = turbo });
            foreach (var original in seeds)
                for (var trial = 0; trial < 60; trial++)
                {
                    var damaged = (byte[])original.Clone();
                    for (var k = 0; k < 1 + trial % 8; k++) damaged[rng.Next(2, damaged.Length)] = (byte)rng.Next(256);
                    var cut = trial % 3 == 0 ? rng.Next(1, damaged.Length) : damaged.Length;
                    var result = decoder.Decode(damaged.AsSpan(0, cut));
                    Assert.True(result.IsOk == result.Image is not null);
                }
        }
    }
}
