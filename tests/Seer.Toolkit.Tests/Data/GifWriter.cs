namespace Seer.Toolkit.Tests.Data;

/// <summary>Writes a GIF89a by hand: a 4-colour palette and LZW codes kept at 3 bits by a clear code every two pixels.</summary>
internal static class GifWriter
{
    /// <summary>Frames of palette indices (0–3), each width × height; all frames share the global palette.</summary>
    public static byte[] Write(int width, int height, (byte R, byte G, byte B)[] palette, params byte[][] frames)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        Short(gif, width);
        Short(gif, height);
        gif.WriteByte(0b1000_0001);                       // global colour table, 2^(1+1) = 4 entries
        gif.WriteByte(0);
        gif.WriteByte(0);
        for (var i = 0; i < 4; i++)
        {
            var (r, g, b) = i < palette.Length ? palette[i] : ((byte)0, (byte)0, (byte)0);
            gif.Write([r, g, b]);
        }
        foreach (var indices in frames)
        {
            gif.Write([0x2C, 0, 0, 0, 0]);                // image descriptor at (0, 0)
            Short(gif, width);
            Short(gif, height);
            gif.WriteByte(0);
            gif.WriteByte(2);                             // LZW minimum code size: clear = 4, end = 5, codes 3 bits wide
            WriteSubBlocks(gif, Lzw(indices));
        }
        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    // Clear, p, p, clear, p, p, ...: the table never reaches 8 entries, so every code stays 3 bits.
    private static byte[] Lzw(byte[] indices)
    {
        var codes = new List<int>();
        for (var i = 0; i < indices.Length; i++)
        {
            if (i % 2 == 0) codes.Add(4);
            codes.Add(indices[i]);
        }
        codes.Add(5);
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var code in codes)
        {
            buffer |= code << bits;
            bits += 3;
            while (bits >= 8)
            {
                bytes.Add((byte)buffer);
                buffer >>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) bytes.Add((byte)buffer);
        return bytes.ToArray();
    }

    private static void WriteSubBlocks(Stream gif, byte[] data)
    {
        for (var i = 0; i < data.Length; i += 255)
        {
            var n = Math.Min(255, data.Length - i);
            gif.WriteByte((byte)n);
            gif.Write(data, i, n);
        }
        gif.WriteByte(0);
    }

    private static void Short(Stream s, int v)
    {
        s.WriteByte((byte)v);
        s.WriteByte((byte)(v >> 8));
    }
}
