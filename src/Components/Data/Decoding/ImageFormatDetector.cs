namespace Seer.Toolkit.Data;

/// <summary>Decides an image's format from its first bytes.</summary>
public static class ImageFormatDetector
{
    /// <summary>The format whose signature <paramref name="data"/> starts with, or <see cref="ImageFormat.Unknown"/>.</summary>
    public static ImageFormat Detect(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return ImageFormat.Jpeg;
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return ImageFormat.Png;
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)) return ImageFormat.Gif;
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8)) return ImageFormat.WebP;
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8)) return ImageFormat.Tiff;
        if (IsBmp(data)) return ImageFormat.Bmp;
        if (data.Length >= 3 && data[0] == 'P' && data[1] is (byte)'5' or (byte)'6' && IsPnmSpace(data[2])) return ImageFormat.Pnm;
        return ImageFormat.Unknown;
    }

    // 'BM' alone is too weak (text starting "BM..."): also require a DIB header size that some BMP version uses.
    private static bool IsBmp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 26 || data[0] != 'B' || data[1] != 'M') return false;
        var dibSize = BitConverter.ToUInt32(data[14..18]);
        return dibSize is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124;
    }

    private static bool IsPnmSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'#';
}
