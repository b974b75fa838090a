using System.Buffers.Binary;

namespace Seer.Toolkit.Data;

/// <summary>Reads the orientation tag (0x0112) from the IFD0 of an APP1 "Exif" payload.</summary>
public static class ExifOrientationReader
{
    private const ushort OrientationTag = 0x0112;

    /// <summary>The orientation (1–8) in <paramref name="app1"/> (the segment payload after its length), or 1 when absent or malformed.</summary>
    public static int Read(ReadOnlySpan<byte> app1)
    {
        if (!app1.StartsWith("Exif\0\0"u8)) return 1;
        var tiff = app1[6..];
        if (tiff.Length < 8) return 1;
        bool little;
        if (tiff.StartsWith("II"u8)) little = true;
        else if (tiff.StartsWith("MM"u8)) little = false;
        else return 1;
        if (U16(tiff, 2, little) != 42) return 1;
        var ifd = U32(tiff, 4, little);
        if (ifd < 8 || ifd > tiff.Length - 2) return 1;
        int count = U16(tiff, (int)ifd, little);
        for (var i = 0; i < count; i++)
        {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > tiff.Length) return 1;
            var e = (int)entry;
            if (U16(tiff, e, little) != OrientationTag) continue;
            var value = U16(tiff, e + 2, little) switch
            {
                3 => U16(tiff, e + 8, little),          // SHORT, stored in the first two value bytes
                4 => U32(tiff, e + 8, little),          // LONG, written by a few tools
                _ => 1u,
            };
            return value is >= 1 and <= 8 ? (int)value : 1;
        }
        return 1;
    }

    private static ushort U16(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt16BigEndian(b[at..]);

    private static uint U32(ReadOnlySpan<byte> b, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(b[at..]) : BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
}
