using System.Runtime.InteropServices;

namespace Seer.Toolkit.Data;

/// <summary>Decodes JPEG through the system TurboJPEG library: header first, DCT scaling, CMYK, EXIF orientation.</summary>
internal static class TurboJpegDecoder
{
    private static readonly Lazy<int[]> SupportedDenominators = new(() =>
        TurboJpegLibrary.ScalingFactors.Where(f => f.Num == 1).Select(f => f.Denom).ToArray());

    public static DecodeResult Decode(ReadOnlySpan<byte> jpeg, DecodeOptions options)
    {
        var markers = JpegMarkerInfo.Read(jpeg);
        var handle = TurboJpegNative.tjInitDecompress();
        if (handle == 0) return DecodeResult.Fail(DecodeStatus.Corrupt, ImageFormat.Jpeg, "tjInitDecompress failed");
        try
        {
            return Decode(handle, jpeg, markers, options);
        }
        finally
        {
            TurboJpegNative.tjDestroy(handle);
        }
    }

    private static DecodeResult Decode(nint handle, ReadOnlySpan<byte> jpeg, JpegMarkerInfo markers, DecodeOptions options)
    {
        var size = new CULong((nuint)jpeg.Length);
        if (TurboJpegNative.tjDecompressHeader3(handle, jpeg, size, out var width, out var height, out _, out var colorspace) != 0)
        {
            var message = ErrorText(handle);
            var status = Classify(message);
            if (status != DecodeStatus.Ok)
                return DecodeResult.Fail(markers.End == JpegMarkerEnd.EndOfData ? DecodeStatus.Truncated : status, ImageFormat.Jpeg, message);
        }
        if (width <= 0 || height <= 0)                                 // e.g. a stream that stops before its frame header
            return DecodeResult.Fail(markers.End == JpegMarkerEnd.EndOfData ? DecodeStatus.Truncated : DecodeStatus.Corrupt,
                ImageFormat.Jpeg, $"no frame header (size {width}×{height})");
        var (ow, oh) = ImageOrientation.Oriented(width, height, markers.Orientation);
        if ((long)width * height > options.MaxPixels)
            return DecodeResult.Fail(DecodeStatus.TooLarge, ImageFormat.Jpeg, $"{width}×{height} pixels", ow, oh);

        var denominator = DctScale.Choose(width, height, options.MinSide, SupportedDenominators.Value);
        int sw = DctScale.Scaled(width, denominator), sh = DctScale.Scaled(height, denominator);
        var cmyk = colorspace is TurboJpegNative.ColorspaceCmyk or TurboJpegNative.ColorspaceYcck;
        var channels = cmyk ? 4 : 3;
        var pixels = new byte[(long)sw * sh * channels];
        var rc = TurboJpegNative.tjDecompress2(handle, jpeg, size, pixels, sw, sw * channels, sh,
            cmyk ? TurboJpegNative.PixelFormatCmyk : TurboJpegNative.PixelFormatRgb, TurboJpegNative.FlagLimitScans);
        string? warning = null;
        if (rc != 0)
        {
            warning = ErrorText(handle);
            var status = Classify(warning);
            if (status != DecodeStatus.Ok) return DecodeResult.Fail(status, ImageFormat.Jpeg, warning, ow, oh);
        }
        var rgb = cmyk ? CmykConverter.ToRgb(pixels, inverted: markers.HasAdobeMarker) : pixels;
        var image = ImageOrientation.Apply(new DecodedImage(sw, sh, rgb), markers.Orientation);
        return DecodeResult.Ok(ImageFormat.Jpeg, ow, oh, image, warning);
    }

    // Maps TurboJPEG's last message to a status. tjGetErrorCode is not used: once any warning was emitted it reports
    // TJERR_WARNING even when a later error was fatal, so only the text tells them apart.
    private static DecodeStatus Classify(string message)
    {
        bool Has(string text) => message.Contains(text, StringComparison.OrdinalIgnoreCase);
        if (Has("Premature end of JPEG file")) return DecodeStatus.Truncated;
        // Harmless warnings: the image is complete.
        if (Has("extraneous bytes before marker") || Has("bad ICC marker") || Has("Unknown Adobe color transform")
            || Has("unknown JFIF revision") || Has("Invalid SOS parameters for sequential") || Has("too many scanlines"))
            return DecodeStatus.Ok;
        // Missing features, not damage ("Unsupported marker type" is damage).
        if (Has("Unsupported JPEG") || Has("Unsupported color") || Has("not implemented")) return DecodeStatus.Unsupported;
        return DecodeStatus.Corrupt;                                   // bad Huffman code, premature end of data segment, bogus markers, ...
    }

    private static string ErrorText(nint handle) =>
        Marshal.PtrToStringUTF8(TurboJpegNative.tjGetErrorStr2(handle)) ?? "unknown TurboJPEG error";
}
