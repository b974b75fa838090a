using System.Buffers.Binary;

namespace Seer.Toolkit.Metrics;

/// <summary>
/// Appends TFRecords to a stream: uint64 length, masked CRC-32C of the length bytes, the data, masked CRC-32C of the
/// data (all little-endian). Each record is written with one call, so a reader sees whole records or a truncated tail.
/// </summary>
public sealed class TfRecordWriter(Stream stream)
{
    /// <summary>Writes one record (not flushed).</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        var record = new byte[data.Length + 16];
        BinaryPrimitives.WriteUInt64LittleEndian(record, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), MaskedCrc32C.ComputeMasked(record.AsSpan(0, 8)));
        data.CopyTo(record.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(12 + data.Length), MaskedCrc32C.ComputeMasked(data));
        stream.Write(record);
    }

    /// <summary>Pushes buffered records to the operating system (they survive the process being killed).</summary>
    public void Flush() => stream.Flush();
}
