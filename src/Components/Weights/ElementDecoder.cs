using System.Buffers.Binary;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Weights;

/// <summary>Decodes raw little-endian tensor elements of any <see cref="DType"/> to double.</summary>
public static class ElementDecoder
{
    /// <summary>bfloat16 is the upper 16 bits of an IEEE float32.</summary>
    public static double BFloat16ToDouble(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);

    /// <summary>IEEE binary16: 1 sign, 5 exponent (bias 15), 10 mantissa bits; handles subnormals, infinities and NaN.</summary>
    public static double HalfToDouble(ushort bits)
    {
        var negative = (bits & 0x8000) != 0;
        var exponent = (bits >> 10) & 0x1F;
        var mantissa = bits & 0x3FF;
        double magnitude = exponent switch
        {
            0 => Math.ScaleB(mantissa, -24),
            0x1F => mantissa == 0 ? double.PositiveInfinity : double.NaN,
            _ => Math.ScaleB(1024 + mantissa, exponent - 25),
        };
        return negative ? -magnitude : magnitude;
    }

    /// <summary>Decodes <paramref name="source"/> into <paramref name="destination"/>, which must hold exactly its element count.</summary>
    public static void Decode(DType dtype, ReadOnlySpan<byte> source, Span<double> destination)
    {
        var size = dtype.SizeOf();
        if (source.Length != destination.Length * size)
            throw new ArgumentException($"{source.Length} bytes do not hold {destination.Length} {dtype.ToSafetensorsName()} elements", nameof(source));
        for (var i = 0; i < destination.Length; i++)
        {
            var e = source.Slice(i * size, size);
            destination[i] = dtype switch
            {
                DType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(e),
                DType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(e),
                DType.Float16 => HalfToDouble(BinaryPrimitives.ReadUInt16LittleEndian(e)),
                DType.BFloat16 => BFloat16ToDouble(BinaryPrimitives.ReadUInt16LittleEndian(e)),
                DType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(e),
                DType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(e),
                DType.UInt8 => e[0],
                DType.Bool => e[0] != 0 ? 1 : 0,
                _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
            };
        }
    }
}
