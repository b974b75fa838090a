using System.Buffers.Binary;
using Seer.Toolkit.Tensors;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Tests.Weights;

public sealed class ElementDecoderTests
{
    [Theory]
    [InlineData(0x3F80, 1.0)]
    [InlineData(0xC000, -2.0)]
    [InlineData(0x0000, 0.0)]
    [InlineData(0x3F00, 0.5)]
    [InlineData(0x4049, 3.140625)]
    [InlineData(0x7F7F, 3.3895313892515355e38)]
    [InlineData(0x0001, 9.183549615799121e-41)]
    public void BFloat16_known_bit_patterns(int bits, double expected) =>
        Assert.Equal(expected, ElementDecoder.BFloat16ToDouble((ushort)bits));

    [Fact]
    public void BFloat16_special_values()
    {
        Assert.Equal(double.PositiveInfinity, ElementDecoder.BFloat16ToDouble(0x7F80));
        Assert.Equal(double.NegativeInfinity, ElementDecoder.BFloat16ToDouble(0xFF80));
        Assert.True(double.IsNaN(ElementDecoder.BFloat16ToDouble(0x7FC0)));
        Assert.True(double.IsNegative(ElementDecoder.BFloat16ToDouble(0x8000)));
    }

    [Theory]
    [InlineData(0x3C00, 1.0)]
    [InlineData(0xC000, -2.0)]
    [InlineData(0x7BFF, 65504.0)]
    [InlineData(0x0001, 5.9604644775390625e-8)] // 2^-24, smallest subnormal
    [InlineData(0x03FF, 6.097555160522461e-5)] // 1023 * 2^-24, largest subnormal
    [InlineData(0x0400, 6.103515625e-5)] // 2^-14, smallest normal
    [InlineData(0x3555, 0.333251953125)]
    [InlineData(0x0000, 0.0)]
    public void Half_known_bit_patterns(int bits, double expected) =>
        Assert.Equal(expected, ElementDecoder.HalfToDouble((ushort)bits));

    [Fact]
    public void Half_subnormal_is_two_to_the_minus_24()
    {
        Assert.Equal(Math.Pow(2, -24), ElementDecoder.HalfToDouble(0x0001));
        Assert.Equal(-Math.Pow(2, -24), ElementDecoder.HalfToDouble(0x8001));
    }

    [Fact]
    public void Half_special_values()
    {
        Assert.Equal(double.PositiveInfinity, ElementDecoder.HalfToDouble(0x7C00));
        Assert.Equal(double.NegativeInfinity, ElementDecoder.HalfToDouble(0xFC00));
        Assert.True(double.IsNaN(ElementDecoder.HalfToDouble(0x7E00)));
        Assert.True(double.IsNegative(ElementDecoder.HalfToDouble(0x8000)));
    }

    [Fact]
    public void Half_agrees_with_System_Half_for_every_bit_pattern()
    {
        for (var bits = 0; bits <= ushort.MaxValue; bits++)
        {
            var expected = (double)BitConverter.UInt16BitsToHalf((ushort)bits);
            var actual = ElementDecoder.HalfToDouble((ushort)bits);
            if (double.IsNaN(expected)) Assert.True(double.IsNaN(actual), $"0x{bits:X4}");
            else Assert.True(expected.Equals(actual) && double.IsNegative(expected) == double.IsNegative(actual), $"0x{bits:X4}: {expected} vs {actual}");
        }
    }

    [Fact]
    public void Decode_reads_every_dtype_little_endian()
    {
        static double[] Run(DType dtype, byte[] bytes, int count)
        {
            var values = new double[count];
            ElementDecoder.Decode(dtype, bytes, values);
            return values;
        }

        var f64 = new byte[16];
        BinaryPrimitives.WriteDoubleLittleEndian(f64, 0.1);
        BinaryPrimitives.WriteDoubleLittleEndian(f64.AsSpan(8), -1e300);
        Assert.Equal([0.1, -1e300], Run(DType.Float64, f64, 2));

        var f32 = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(f32, 0.1f);
        Assert.Equal([(double)0.1f], Run(DType.Float32, f32, 1));

        Assert.Equal([1.0, -2.0], Run(DType.Float16, [0x00, 0x3C, 0x00, 0xC0], 2));
        Assert.Equal([1.0, -2.0], Run(DType.BFloat16, [0x80, 0x3F, 0x00, 0xC0], 2));

        var i64 = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(i64, -5_000_000_000);
        Assert.Equal([-5_000_000_000.0], Run(DType.Int64, i64, 1));

        Assert.Equal([-2.0, 16909060.0], Run(DType.Int32, [0xFE, 0xFF, 0xFF, 0xFF, 0x04, 0x03, 0x02, 0x01], 2));
        Assert.Equal([0.0, 255.0], Run(DType.UInt8, [0, 255], 2));
        Assert.Equal([0.0, 1.0, 1.0], Run(DType.Bool, [0, 1, 2], 3));

        Assert.Throws<ArgumentException>(() => ElementDecoder.Decode(DType.Float32, new byte[6], new double[2]));
    }
}
