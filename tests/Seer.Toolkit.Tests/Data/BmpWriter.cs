using System.Buffers.Binary;

namespace Seer.Toolkit.Tests.Data;

/// <summary>Writes a 24-bit bottom-up BI_RGB Windows bitmap by hand.</summary>
internal static class BmpWriter
{
    public static byte[] Write(int width, int height, byte[] rgb)
    {
        var stride = (3 * width + 3) & ~3;
        var bmp = new byte[54 + stride * height];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var s = 3 * (y * width + x);
                var d = 54 + (height - 1 - y) * stride + 3 * x;      // bottom-up rows, BGR order
                (bmp[d], bmp[d + 1], bmp[d + 2]) = (rgb[s + 2], rgb[s + 1], rgb[s]);
            }
        return bmp;
    }
}
