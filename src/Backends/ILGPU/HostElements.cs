using System.Buffers.Binary;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Little-endian element codecs for the dtypes kept as raw bytes: value_i ↔ bytes[i·size, (i+1)·size).</summary>
internal static class HostElements
{
    /// <summary>The elements as float64 (exact for int64 up to 2⁵³).</summary>
    public static double[] Decode(ReadOnlySpan<byte> bytes, DType dtype)
    {
        int size = dtype.SizeOf();
        var values = new double[bytes.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            var e = bytes.Slice(i * size, size);
            values[i] = dtype switch
            {
                DType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(e),
                DType.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(e),
                DType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(e),
                DType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(e),
                DType.UInt8 or DType.Bool => e[0],
                DType.Float16 => (double)BinaryPrimitives.ReadHalfLittleEndian(e),
                DType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(e) << 16),
                _ => throw new NotSupportedException($"ILGPU backend: dtype {dtype}"),
            };
        }
        return values;
    }

    /// <summary>float64 values written in <paramref name="dtype"/> (integers truncate toward zero, bool is x ≠ 0).</summary>
    public static byte[] Encode(ReadOnlySpan<double> values, DType dtype)
    {
        int size = dtype.SizeOf();
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            var e = bytes.AsSpan(i * size, size);
            double v = values[i];
            switch (dtype)
            {
                case DType.Float32: BinaryPrimitives.WriteSingleLittleEndian(e, (float)v); break;
                case DType.Float64: BinaryPrimitives.WriteDoubleLittleEndian(e, v); break;
                case DType.Int64: BinaryPrimitives.WriteInt64LittleEndian(e, (long)v); break;
                case DType.Int32: BinaryPrimitives.WriteInt32LittleEndian(e, (int)v); break;
                case DType.UInt8: e[0] = (byte)v; break;
                case DType.Bool: e[0] = v != 0 ? (byte)1 : (byte)0; break;
                case DType.Float16: BinaryPrimitives.WriteHalfLittleEndian(e, (Half)v); break;
                case DType.BFloat16: BinaryPrimitives.WriteUInt16LittleEndian(e, (ushort)(BitConverter.SingleToInt32Bits((float)v) >>> 16)); break;
                default: throw new NotSupportedException($"ILGPU backend: dtype {dtype}");
            }
        }
        return bytes;
    }

    /// <summary>
    /// Elements of a row-major box copied between row-major arrays of <paramref name="size"/>-byte elements:
    /// dst[dOff + Σ i_d·ds_d] = src[sOff + Σ i_d·ss_d] (host form of the strided-copy kernel).
    /// </summary>
    public static void StridedCopy(ReadOnlySpan<byte> src, Span<byte> dst, int size, long[] extents, int[] srcStrides, int[] dstStrides,
        long srcOffset, long dstOffset)
    {
        long count = 1;
        foreach (var e in extents) count *= e;
        for (long i = 0; i < count; i++)
        {
            long rest = i, so = srcOffset, d = dstOffset;
            for (int k = extents.Length - 1; k >= 0; k--)
            {
                long digit = rest % extents[k];
                rest /= extents[k];
                so += digit * srcStrides[k];
                d += digit * dstStrides[k];
            }
            src.Slice((int)(so * size), size).CopyTo(dst.Slice((int)(d * size), size));
        }
    }
}
