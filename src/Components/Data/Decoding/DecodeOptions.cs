namespace Seer.Toolkit.Data;

/// <summary>Limits and decode-size preferences for <see cref="ImageDecoder"/>.</summary>
public sealed record DecodeOptions
{
    /// <summary>Images whose header width × height exceeds this are refused as too_large before any pixel memory is allocated.</summary>
    public long MaxPixels { get; init; } = 90_000_000;

    /// <summary>Encoded inputs larger than this many bytes are refused as too_large without being read.</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>JPEGs are DCT-downscaled (1/2, 1/4, 1/8) to the smallest size whose shorter side is still at least this; 0 = full size.</summary>
    public int MinSide { get; init; }

    /// <summary>Decode JPEG with the system TurboJPEG library when it loads; otherwise (or when false) with SkiaSharp.</summary>
    public bool UseTurboJpeg { get; init; } = true;
}
