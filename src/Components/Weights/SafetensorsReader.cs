using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Seer.Toolkit.Weights;

/// <summary>Validates a safetensors header on open and reads tensor bytes on demand with thread-safe positional reads.</summary>
public sealed class SafetensorsReader : IDisposable
{
    /// <summary>Largest header accepted, as in the reference implementation.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, (TensorRecord Record, long FileOffset)> _byName;

    private SafetensorsReader(string path, SafeFileHandle handle, long dataStart,
        List<SafetensorsHeaderParser.Entry> entries, Dictionary<string, string> metadata)
    {
        FilePath = path;
        _handle = handle;
        DataStart = dataStart;
        Metadata = metadata;
        Entries = entries.Select(e => e.Record).ToArray();
        _byName = new Dictionary<string, (TensorRecord, long)>(entries.Count, StringComparer.Ordinal);
        foreach (var e in entries) _byName.Add(e.Record.Name, (e.Record, dataStart + e.Begin));
    }

    /// <summary>The file this reader was opened on.</summary>
    public string FilePath { get; }

    /// <summary>Byte position of the data section (8 + header length).</summary>
    public long DataStart { get; }

    /// <summary>Every tensor, in the order its bytes appear in the file.</summary>
    public IReadOnlyList<TensorRecord> Entries { get; }

    /// <summary>The header's "__metadata__" object (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens <paramref name="path"/> and validates its header; throws <see cref="SafetensorsFormatException"/> when malformed.</summary>
    public static SafetensorsReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            var length = RandomAccess.GetLength(handle);
            if (length < 8)
                throw new SafetensorsFormatException(path, null, $"file is {length} bytes, shorter than the 8-byte header length prefix");

            Span<byte> prefix = stackalloc byte[8];
            ReadExactly(handle, prefix, 0, path, null);
            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (headerLength > MaxHeaderBytes)
                throw new SafetensorsFormatException(path, null, $"header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit");
            if ((long)headerLength > length - 8)
                throw new SafetensorsFormatException(path, null, $"header length {headerLength} is larger than the {length - 8} bytes after the prefix");

            var header = new byte[(int)headerLength];
            ReadExactly(handle, header, 8, path, null);
            var dataStart = 8 + (long)headerLength;
            var (entries, metadata) = SafetensorsHeaderParser.Parse(path, header, length - dataStart);
            return new SafetensorsReader(path, handle, dataStart, entries, metadata);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>True when the file holds a tensor called <paramref name="name"/>.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The entry for <paramref name="name"/>, or false when absent.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TensorRecord? record)
    {
        var found = _byName.TryGetValue(name, out var e);
        record = found ? e.Record : null;
        return found;
    }

    /// <summary>The entry for <paramref name="name"/>; a missing name is an error naming the tensor and file.</summary>
    public TensorRecord Get(string name) => Locate(name).Record;

    /// <summary>A fresh copy of the tensor's raw little-endian bytes.</summary>
    public byte[] ReadBytes(string name)
    {
        var (record, _) = Locate(name);
        if (record.ByteLength > Array.MaxLength)
            throw new InvalidOperationException($"tensor '{name}' in '{FilePath}' is {record.ByteLength} bytes, too large for one array; use ReadInto with an offset");
        var bytes = GC.AllocateUninitializedArray<byte>((int)record.ByteLength);
        ReadInto(name, 0, bytes);
        return bytes;
    }

    /// <summary>Copies the whole tensor into <paramref name="destination"/>, whose length must equal its byte length.</summary>
    public void ReadInto(string name, Span<byte> destination)
    {
        var (record, _) = Locate(name);
        if (destination.Length != record.ByteLength)
            throw new ArgumentException($"destination is {destination.Length} bytes but tensor '{name}' is {record.ByteLength}", nameof(destination));
        ReadInto(name, 0, destination);
    }

    /// <summary>Copies <paramref name="destination"/>.Length bytes starting <paramref name="byteOffset"/> bytes into the tensor.</summary>
    public void ReadInto(string name, long byteOffset, Span<byte> destination)
    {
        var (record, fileOffset) = Locate(name);
        if (byteOffset < 0 || byteOffset + destination.Length > record.ByteLength)
            throw new ArgumentOutOfRangeException(nameof(byteOffset),
                $"range [{byteOffset}, {byteOffset + destination.Length}) is outside tensor '{name}' ({record.ByteLength} bytes)");
        ReadExactly(_handle, destination, fileOffset + byteOffset, FilePath, name);
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _handle.Dispose();

    private (TensorRecord Record, long FileOffset) Locate(string name)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        return _byName.TryGetValue(name, out var e)
            ? e
            : throw new KeyNotFoundException($"tensor '{name}' is not in '{FilePath}'");
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> destination, long offset, string path, string? tensor)
    {
        while (!destination.IsEmpty)
        {
            var n = RandomAccess.Read(handle, destination, offset);
            if (n == 0) throw new SafetensorsFormatException(path, tensor, $"file ended at byte {offset} while reading");
            destination = destination[n..];
            offset += n;
        }
    }
}
