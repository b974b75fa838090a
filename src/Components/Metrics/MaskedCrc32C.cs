using System.Buffers.Binary;
using System.Numerics;

namespace Seer.Toolkit.Metrics;

/// <summary>CRC-32C (Castagnoli) and the TFRecord mask: rotate right by 15 bits, add 0xa282ead8.</summary>
public static class MaskedCrc32C
{
    private const uint MaskDelta = 0xa282ead8u;

    /// <summary>CRC-32C of <paramref name="data"/> (initial value and final xor 0xFFFFFFFF; SSE4.2 where available).</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }

    /// <summary>The masked CRC stored in a TFRecord.</summary>
    public static uint Mask(uint crc) => ((crc >> 15) | (crc << 17)) + MaskDelta;

    /// <summary>Masked CRC-32C of <paramref name="data"/>.</summary>
    public static uint ComputeMasked(ReadOnlySpan<byte> data) => Mask(Compute(data));
}
