using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Seer.Toolkit.Tests.Data;

/// <summary>Writes PNG by hand (independent of the decoder under test): any colour type and bit depth, any chunks.</summary>
internal static class PngWriter
{
    /// <summary>A PNG with IHDR(width, height, bitDepth, colorType), optional PLTE/tRNS, and IDAT of unfiltered rows.</summary>
    public static byte[] Write(int width, int height, int bitDepth, int colorType, byte[] rawRows, byte[]? palette = null, byte[]? transparency = null)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colorType;
        Chunk(png, "IHDR", ihdr);
        if (palette is not null) Chunk(png, "PLTE", palette);
        if (transparency is not null) Chunk(png, "tRNS", transparency);
        Chunk(png, "IDAT", Deflate(rawRows));
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Prefixes each of <paramref name="height"/> rows of <paramref name="rowBytes"/> with filter type 0.</summary>
    public static byte[] Unfiltered(byte[] packed, int rowBytes, int height)
    {
        var raw = new byte[(rowBytes + 1) * height];
        for (var y = 0; y < height; y++) packed.AsSpan(y * rowBytes, rowBytes).CopyTo(raw.AsSpan(y * (rowBytes + 1) + 1));
        return raw;
    }

    /// <summary>A header-only PNG claiming the given size (IHDR, a tiny IDAT, IEND).</summary>
    public static byte[] HeaderOnly(int width, int height) => Write(width, height, 8, 2, [0, 0, 0, 0]);

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal)) z.Write(data);
        return output.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        png.Write(header);
        png.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(header.AsSpan(4), data));
        png.Write(crc);
    }

    private static uint Crc32(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var span in new[] { type.ToArray(), data.ToArray() })
            foreach (var b in span)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        return ~crc;
    }
}
