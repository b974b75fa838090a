using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Weights;

/// <summary>Writes safetensors atomically (temp file, fsync, rename), tensors in the given order, metadata keys sorted.</summary>
public static class SafetensorsWriter
{
    /// <summary>Writes in-memory tensors; each Data must hold exactly product(Shape) * dtype size bytes.</summary>
    public static void Write(string path,
        IReadOnlyList<(string Name, DType DType, long[] Shape, ReadOnlyMemory<byte> Data)> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var records = new TensorRecord[tensors.Count];
        var data = new ReadOnlyMemory<byte>[tensors.Count];
        for (var i = 0; i < tensors.Count; i++)
        {
            var t = tensors[i];
            records[i] = TensorRecord.For(t.Name, t.DType, t.Shape);
            if (t.Data.Length != records[i].ByteLength)
                throw new ArgumentException($"tensor '{t.Name}' has {t.Data.Length} bytes but shape {ShapeText.Format(t.Shape)} of {t.DType.ToSafetensorsName()} needs {records[i].ByteLength}", nameof(tensors));
            data[i] = t.Data;
        }
        var index = 0;
        Write(path, records, (_, stream) => stream.Write(data[index++].Span), metadata);
    }

    /// <summary>Streams each tensor's bytes through <paramref name="writeData"/>, called once per tensor in order.</summary>
    public static void Write(string path, IReadOnlyList<TensorRecord> tensors, Action<TensorRecord, Stream> writeData,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(writeData);
        Validate(tensors);
        var header = SafetensorsHeaderBuilder.Build(tensors, metadata);

        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Span<byte> prefix = stackalloc byte[8];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
                file.Write(prefix);
                file.Write(header);
                foreach (var t in tensors)
                {
                    var bounded = new BoundedWriteStream(file, t.ByteLength, t.Name);
                    writeData(t, bounded);
                    if (bounded.Written != t.ByteLength)
                        throw new InvalidOperationException($"tensor '{t.Name}' received {bounded.Written} bytes, expected {t.ByteLength}");
                }
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            // Best-effort removal of the temporary file; the original error below is what the caller must see.
            try { File.Delete(temp); }
            catch (IOException) { /* leftover temp file: hidden name, never read as a checkpoint */ }
            catch (UnauthorizedAccessException) { /* as above */ }
            throw;
        }
    }

    private static void Validate(IReadOnlyList<TensorRecord> tensors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            ArgumentNullException.ThrowIfNull(t);
            if (t.Name == SafetensorsHeaderParser.MetadataKey)
                throw new ArgumentException($"'{SafetensorsHeaderParser.MetadataKey}' is reserved and cannot name a tensor", nameof(tensors));
            if (!names.Add(t.Name))
                throw new ArgumentException($"tensor '{t.Name}' is listed more than once", nameof(tensors));
            if (checked(TensorRecord.ElementCountOf(t.Shape) * t.DType.SizeOf()) != t.ByteLength)
                throw new ArgumentException($"tensor '{t.Name}' ByteLength {t.ByteLength} does not match shape {ShapeText.Format(t.Shape)} of {t.DType.ToSafetensorsName()}", nameof(tensors));
        }
    }
}
