using System.Buffers.Binary;

namespace Seer.Toolkit.Metrics;

/// <summary>The complete records of a TFRecord file and whether it ended inside a record (a writer killed mid-write).</summary>
public sealed record TfRecordReadResult(IReadOnlyList<byte[]> Records, bool Truncated);

/// <summary>Reads TFRecords, checking both masked CRCs; a CRC mismatch is corruption (<see cref="InvalidDataException"/>).</summary>
public static class TfRecordReader
{
    /// <summary>Every complete record of <paramref name="bytes"/>; an incomplete last record sets <see cref="TfRecordReadResult.Truncated"/>.</summary>
    public static TfRecordReadResult Read(ReadOnlySpan<byte> bytes)
    {
        var records = new List<byte[]>();
        long offset = 0;
        while (offset < bytes.Length)
        {
            var rest = bytes[(int)offset..];
            if (rest.Length < 12) return new TfRecordReadResult(records, true);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(rest);
            if (BinaryPrimitives.ReadUInt32LittleEndian(rest[8..]) != MaskedCrc32C.ComputeMasked(rest[..8]))
                throw new InvalidDataException($"TFRecord at byte {offset}: length CRC mismatch");
            if (rest.Length < 16 || length > (ulong)(rest.Length - 16)) return new TfRecordReadResult(records, true);
            var data = rest.Slice(12, (int)length);
            if (BinaryPrimitives.ReadUInt32LittleEndian(rest[(12 + (int)length)..]) != MaskedCrc32C.ComputeMasked(data))
                throw new InvalidDataException($"TFRecord at byte {offset}: data CRC mismatch");
            records.Add(data.ToArray());
            offset += 16 + (long)length;
        }
        return new TfRecordReadResult(records, false);
    }

    /// <summary>Reads a file that may still be open for writing.</summary>
    public static TfRecordReadResult ReadFile(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[f.Length];
        f.ReadExactly(bytes);
        return Read(bytes);
    }
}
