namespace Seer.Toolkit.Data;

/// <summary>What decoding one encoded image produced: pixels, or the reason it was skipped.</summary>
public sealed class DecodeResult
{
    private DecodeResult(DecodeStatus status, ImageFormat format, int? width, int? height, DecodedImage? image, string? message)
    {
        Status = status;
        Format = format;
        Width = width;
        Height = height;
        Image = image;
        Message = message;
    }

    /// <summary><see cref="DecodeStatus.Ok"/> or the failure reason.</summary>
    public DecodeStatus Status { get; }

    /// <summary>The format detected from the content.</summary>
    public ImageFormat Format { get; }

    /// <summary>Full-resolution width after EXIF orientation, from the header; null when no header was read.</summary>
    public int? Width { get; }

    /// <summary>Full-resolution height after EXIF orientation, from the header; null when no header was read.</summary>
    public int? Height { get; }

    /// <summary>The pixels when <see cref="IsOk"/> (possibly DCT-downscaled, see <see cref="DecodeOptions.MinSide"/>).</summary>
    public DecodedImage? Image { get; }

    /// <summary>The decoder's explanation of a failure (or of a tolerated warning), for logs.</summary>
    public string? Message { get; }

    /// <summary>True when pixels were produced.</summary>
    public bool IsOk => Status == DecodeStatus.Ok;

    /// <summary>A successful decode; <paramref name="width"/>/<paramref name="height"/> are the full oriented size.</summary>
    public static DecodeResult Ok(ImageFormat format, int width, int height, DecodedImage image, string? message = null) =>
        new(DecodeStatus.Ok, format, width, height, image, message);

    /// <summary>A skipped item; the size is reported when the header was read.</summary>
    public static DecodeResult Fail(DecodeStatus status, ImageFormat format, string? message, int? width = null, int? height = null)
    {
        if (status == DecodeStatus.Ok) throw new ArgumentException("a failure needs a reason", nameof(status));
        return new(status, format, width, height, null, message);
    }
}
