namespace Seer.Toolkit.Data;

/// <summary>
/// Decodes any supported encoded image to upright 8-bit RGB, choosing the decoder by content. Never throws on bad
/// data: every failure becomes a <see cref="DecodeResult"/> with a <see cref="DecodeStatus"/> reason. Thread-safe.
/// </summary>
public sealed class ImageDecoder
{
    /// <summary>A decoder with <paramref name="options"/>; <paramref name="warn"/> receives one-time notices (e.g. TurboJPEG missing).</summary>
    public ImageDecoder(DecodeOptions? options = null, Action<string>? warn = null)
    {
        Options = options ?? new DecodeOptions();
        if (Options.MaxPixels <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"MaxPixels must be positive (got {Options.MaxPixels})");
        if (Options.MinSide < 0) throw new ArgumentOutOfRangeException(nameof(options), $"MinSide must be >= 0 (got {Options.MinSide})");
        UsesTurboJpeg = Options.UseTurboJpeg && TurboJpegLibrary.IsAvailable;
        if (Options.UseTurboJpeg && !UsesTurboJpeg)
            warn?.Invoke($"TurboJPEG unavailable ({TurboJpegLibrary.UnavailableReason}); decoding JPEG with SkiaSharp");
    }

    /// <summary>The limits in force.</summary>
    public DecodeOptions Options { get; }

    /// <summary>True when JPEGs go through TurboJPEG, false when through SkiaSharp.</summary>
    public bool UsesTurboJpeg { get; }

    /// <summary>Decodes encoded bytes.</summary>
    public DecodeResult Decode(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return DecodeResult.Fail(DecodeStatus.Empty, ImageFormat.Unknown, "zero bytes");
        var format = ImageFormatDetector.Detect(data);
        try
        {
            return format switch
            {
                ImageFormat.Unknown => DecodeResult.Fail(DecodeStatus.NotAnImage, format, "no known image signature"),
                ImageFormat.Tiff => DecodeResult.Fail(DecodeStatus.Unsupported, format, "TIFF is not decoded"),
                ImageFormat.Pnm => PnmDecoder.Decode(data, Options),
                ImageFormat.Jpeg when UsesTurboJpeg => TurboJpegDecoder.Decode(data, Options),
                _ => SkiaDecoder.Decode(data, format, Options),
            };
        }
        catch (OutOfMemoryException e)
        {
            return DecodeResult.Fail(DecodeStatus.TooLarge, format, e.Message);
        }
        catch (Exception e)
        {
            return DecodeResult.Fail(DecodeStatus.Corrupt, format, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Reads and decodes one item; read failures become <see cref="DecodeStatus.IoError"/>.</summary>
    public DecodeResult Decode(ImageItem item)
    {
        byte[] data;
        try
        {
            var length = item.GetLength();
            if (length > Options.MaxFileBytes)
                return DecodeResult.Fail(DecodeStatus.TooLarge, ImageFormat.Unknown, $"{length} bytes exceeds the {Options.MaxFileBytes}-byte limit");
            data = item.ReadAllBytes();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return DecodeResult.Fail(DecodeStatus.IoError, ImageFormat.Unknown, e.Message);
        }
        return Decode(data);
    }
}
