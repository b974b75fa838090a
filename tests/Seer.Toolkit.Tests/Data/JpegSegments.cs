using System.Buffers.Binary;

namespace Seer.Toolkit.Tests.Data;

/// <summary>Builds JPEG marker segments in tests: an Exif APP1 with an orientation tag, inserted after SOI.</summary>
internal static class JpegSegments
{
    /// <summary>FF E1, length, "Exif\0\0", a TIFF header (big- or little-endian) and IFD0 with one orientation entry.</summary>
    public static byte[] ExifApp1(int orientation, bool littleEndian = false)
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        void U16(int at, int v) { if (littleEndian) BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)v); else BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), (ushort)v); }
        void U32(int at, uint v) { if (littleEndian) BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at), v); else BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), v); }
        tiff[0] = tiff[1] = (byte)(littleEndian ? 'I' : 'M');
        U16(2, 42);
        U32(4, 8);                  // IFD0 right after the header
        U16(8, 1);                  // one entry
        U16(10, 0x0112);            // Orientation
        U16(12, 3);                 // SHORT
        U32(14, 1);                 // count
        U16(18, orientation);       // value, left-justified in the 4-byte field
        U32(22, 0);                 // no next IFD
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }

    /// <summary><paramref name="jpeg"/> with <paramref name="segment"/> inserted right after SOI.</summary>
    public static byte[] InsertAfterSoi(byte[] jpeg, byte[] segment) => [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
}
