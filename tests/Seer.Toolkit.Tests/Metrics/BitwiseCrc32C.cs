using System.Buffers.Binary;

namespace Seer.Toolkit.Tests.Metrics;

/// <summary>Reference CRC-32C, bit by bit (reflected polynomial 0x82F63B78), and an independent TFRecord framing check.</summary>
internal static class BitwiseCrc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
        }
        return ~crc;
    }

    public static uint Masked(ReadOnlySpan<byte> data)
    {
        uint crc = Compute(data);
        return unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8);
    }

    /// <summary>Splits a whole TFRecord file into its payloads, asserting every length and data CRC.</summary>
    public static List<byte[]> CheckedRecords(byte[] file)
    {
        var records = new List<byte[]>();
        int offset = 0;
        while (offset < file.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(offset));
            Assert.Equal(Masked(file.AsSpan(offset, 8)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8)));
            var data = file.AsSpan(offset + 12, length);
            Assert.Equal(Masked(data), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 12 + length)));
            records.Add(data.ToArray());
            offset += 16 + length;
        }
        Assert.Equal(file.Length, offset);
        return records;
    }
}
