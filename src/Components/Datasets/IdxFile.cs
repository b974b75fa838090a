using System.Buffers.Binary;
using System.IO.Compression;

namespace Seer.Toolkit.Components.Datasets;

/// <summary>8-bit grayscale images of one size, stored contiguously (image i at [i·H·W, (i+1)·H·W)).</summary>
public sealed record GrayImages(int Count, int Height, int Width, byte[] Pixels)
{
    /// <summary>Pixels of image i.</summary>
    public ReadOnlySpan<byte> Image(int i) => Pixels.AsSpan(i * Height * Width, Height * Width);
}

/// <summary>
/// The IDX format of MNIST / Fashion-MNIST: big-endian magic (0x0801 labels, 0x0803 images), dimension sizes, then
/// unsigned bytes. Files may be gzip-compressed (detected by content). Errors name the file and the problem.
/// </summary>
public static class IdxFile
{
    private const int LabelMagic = 0x0801, ImageMagic = 0x0803;

    /// <summary>Reads an images file.</summary>
    public static GrayImages ReadImages(string path)
    {
        var bytes = ReadAll(path);
        var dims = Header(bytes, ImageMagic, 3, path);
        long need = 16 + (long)dims[0] * dims[1] * dims[2];
        if (bytes.Length < need) throw new InvalidDataException($"{path}: truncated IDX image file ({bytes.Length} bytes, {need} expected)");
        return new GrayImages(dims[0], dims[1], dims[2], bytes.AsSpan(16, (int)(need - 16)).ToArray());
    }

    /// <summary>Reads a labels file.</summary>
    public static byte[] ReadLabels(string path)
    {
        var bytes = ReadAll(path);
        var dims = Header(bytes, LabelMagic, 1, path);
        if (bytes.Length < 8 + dims[0]) throw new InvalidDataException($"{path}: truncated IDX label file ({bytes.Length} bytes, {8 + dims[0]} expected)");
        return bytes.AsSpan(8, dims[0]).ToArray();
    }

    private static int[] Header(byte[] b, int magic, int rank, string path)
    {
        if (b.Length < 4 + 4 * rank) throw new InvalidDataException($"{path}: too short for an IDX header");
        int found = BinaryPrimitives.ReadInt32BigEndian(b);
        if (found != magic) throw new InvalidDataException($"{path}: IDX magic 0x{found:X8}, expected 0x{magic:X8}");
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(b.AsSpan(4 + 4 * i));
            if (dims[i] <= 0) throw new InvalidDataException($"{path}: IDX dimension {i} is {dims[i]}");
        }
        return dims;
    }

    private static byte[] ReadAll(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"IDX file not found: {path}", path);
        var raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1F || raw[1] != 0x8B) return raw;
        using var gz = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var output = new MemoryStream();
        try
        {
            gz.CopyTo(output);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: corrupt gzip stream ({e.Message})", e);
        }
        return output.ToArray();
    }
}
