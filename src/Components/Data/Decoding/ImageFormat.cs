namespace Seer.Toolkit.Data;

/// <summary>An encoded image format, decided from the leading bytes (magic numbers), never from a file name.</summary>
public enum ImageFormat
{
    /// <summary>No known image signature.</summary>
    Unknown,

    /// <summary>JPEG (FF D8 FF).</summary>
    Jpeg,

    /// <summary>PNG (89 'PNG' 0D 0A 1A 0A).</summary>
    Png,

    /// <summary>GIF87a / GIF89a.</summary>
    Gif,

    /// <summary>WebP (RIFF....WEBP).</summary>
    WebP,

    /// <summary>Windows bitmap ('BM' with a known DIB header size).</summary>
    Bmp,

    /// <summary>TIFF (II*\0 or MM\0*).</summary>
    Tiff,

    /// <summary>Binary PGM / PPM (P5 / P6).</summary>
    Pnm,
}
