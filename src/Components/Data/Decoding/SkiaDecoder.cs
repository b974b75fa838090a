using System.Runtime.InteropServices;
using SkiaSharp;

namespace Seer.Toolkit.Data;

/// <summary>Decodes PNG, GIF (first frame), WebP, BMP and (as a fallback) JPEG through SkiaSharp's SKCodec.</summary>
internal static class SkiaDecoder
{
    private static readonly float[] JpegScales = [1f / 8, 1f / 4, 1f / 2];

    public static unsafe DecodeResult Decode(ReadOnlySpan<byte> data, ImageFormat format, DecodeOptions options)
    {
        using var encoded = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(encoded);
        if (codec is null) return DecodeResult.Fail(DecodeStatus.Corrupt, format, "SKCodec could not read the header");
        var info = codec.Info;
        int width = info.Width, height = info.Height;
        if (width <= 0 || height <= 0) return DecodeResult.Fail(DecodeStatus.Corrupt, format, $"header size {width}×{height}");
        var orientation = (int)codec.EncodedOrigin;
        var (ow, oh) = ImageOrientation.Oriented(width, height, orientation);
        if ((long)width * height > options.MaxPixels)
            return DecodeResult.Fail(DecodeStatus.TooLarge, format, $"{width}×{height} pixels", ow, oh);

        var size = new SKSizeI(width, height);
        if (format == ImageFormat.Jpeg && options.MinSide > 0)
            foreach (var scale in JpegScales)
            {
                var scaled = codec.GetScaledDimensions(scale);
                if (Math.Min(scaled.Width, scaled.Height) >= options.MinSide && scaled.Width * (long)scaled.Height < size.Width * (long)size.Height)
                {
                    size = scaled;
                    break;
                }
            }
        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bytes = (nuint)((long)target.RowBytes * size.Height);
        var pixels = (byte*)NativeMemory.Alloc(bytes);
        try
        {
            var result = codec.GetPixels(target, (nint)pixels);
            var status = Classify(result);
            if (status != DecodeStatus.Ok) return DecodeResult.Fail(status, format, $"SKCodec: {result}", ow, oh);
            var rgb = AlphaCompositor.PremultipliedToRgb(pixels, (long)size.Width * size.Height);
            var image = ImageOrientation.Apply(new DecodedImage(size.Width, size.Height, rgb), orientation);
            return DecodeResult.Ok(format, ow, oh, image);
        }
        finally
        {
            NativeMemory.Free(pixels);
        }
    }

    private static DecodeStatus Classify(SKCodecResult result) => result switch
    {
        SKCodecResult.Success => DecodeStatus.Ok,
        SKCodecResult.IncompleteInput => DecodeStatus.Truncated,
        SKCodecResult.Unimplemented or SKCodecResult.InvalidConversion or SKCodecResult.InvalidScale => DecodeStatus.Unsupported,
        _ => DecodeStatus.Corrupt,
    };
}
