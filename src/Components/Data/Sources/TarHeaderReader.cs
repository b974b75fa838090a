using System.Text;

namespace Seer.Toolkit.Data;

/// <summary>
/// Lists the regular files of a POSIX ustar / pax / GNU tar archive by reading only its 512-byte headers. Handles
/// pax 'x' path/size records and GNU 'L' long names; directories, links and devices are skipped.
/// </summary>
public static class TarHeaderReader
{
    private const int Block = 512;
    private const int MaxMetadataBytes = 1 << 20;

    /// <summary>Lists the archive at <paramref name="path"/>.</summary>
    public static TarListing List(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, Block * 8);
        return List(stream);
    }

    /// <summary>Lists a seekable archive stream; a damaged header ends the listing with <see cref="TarListing.Error"/> set.</summary>
    public static TarListing List(Stream stream)
    {
        var entries = new List<TarEntryInfo>();
        var header = new byte[Block];
        string? longName = null, paxPath = null;
        long? paxSize = null;
        long position = 0;
        while (true)
        {
            stream.Position = position;
            var read = ReadFully(stream, header);
            if (read == 0) return new(entries, null);                          // end without the zero blocks: accepted
            if (read < Block) return new(entries, $"header at byte {position} is cut short");
            if (header.All(b => b == 0)) return new(entries, null);
            if (!ChecksumMatches(header)) return new(entries, $"bad header checksum at byte {position}");
            if (!TryParseNumber(header.AsSpan(124, 12), out var size) || size < 0)
                return new(entries, $"bad size field at byte {position}");
            var type = (char)header[156];
            var dataOffset = position + Block;
            if (type is 'x' or 'L' && size > MaxMetadataBytes) return new(entries, $"oversized metadata entry at byte {position}");
            switch (type)
            {
                case 'L':
                    longName = Encoding.UTF8.GetString(ReadBytes(stream, dataOffset, (int)size)).TrimEnd('\0');
                    break;
                case 'x':
                    (paxPath, paxSize) = ParsePax(ReadBytes(stream, dataOffset, (int)size));
                    break;
                case 'g':
                    break;
                default:
                    if (type is '0' or '\0' or '7')
                    {
                        var name = paxPath ?? longName ?? HeaderName(header);
                        size = paxSize ?? size;
                        if (name.Length > 0 && !name.EndsWith('/')) entries.Add(new TarEntryInfo(name, dataOffset, size));
                    }
                    longName = paxPath = null;
                    paxSize = null;
                    break;
            }
            position = dataOffset + (size + Block - 1) / Block * Block;
        }
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    private static byte[] ReadBytes(Stream stream, long offset, int length)
    {
        var buffer = new byte[length];
        stream.Position = offset;
        return buffer[..ReadFully(stream, buffer)];
    }

    // ustar: prefix (345, 155) + '/' + name (0, 100); pre-POSIX headers have no prefix.
    private static string HeaderName(byte[] header)
    {
        var name = Field(header, 0, 100);
        var ustar = header.AsSpan(257, 5).SequenceEqual("ustar"u8);
        var prefix = ustar ? Field(header, 345, 155) : "";
        return prefix.Length > 0 ? $"{prefix}/{name}" : name;
    }

    private static string Field(byte[] header, int offset, int length)
    {
        var span = header.AsSpan(offset, length);
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }

    // Sum of all header bytes with the checksum field read as spaces; historic writers summed signed bytes.
    private static bool ChecksumMatches(byte[] header)
    {
        if (!TryParseNumber(header.AsSpan(148, 8), out var stored)) return false;
        long unsigned = 0, signed = 0;
        for (var i = 0; i < Block; i++)
        {
            var b = i is >= 148 and < 156 ? (byte)' ' : header[i];
            unsigned += b;
            signed += (sbyte)b;
        }
        return stored == unsigned || stored == signed;
    }

    // Octal (NUL/space padded) or, when the high bit of the first byte is set, big-endian base-256.
    private static bool TryParseNumber(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        if (field.Length > 0 && (field[0] & 0x80) != 0)
        {
            if ((field[0] & 0x40) != 0) return false;                          // negative
            value = field[0] & 0x3F;
            foreach (var b in field[1..])
            {
                if (value > (long.MaxValue >> 8)) return false;
                value = (value << 8) | b;
            }
            return true;
        }
        var digits = 0;
        foreach (var b in field)
        {
            if (b is (byte)' ' or 0)
            {
                if (digits > 0) break;
                continue;
            }
            if (b is < (byte)'0' or > (byte)'7' || digits >= 21) return false;
            value = value * 8 + (b - '0');
            digits++;
        }
        return digits > 0;
    }

    // Records "LEN key=value\n" where LEN counts bytes; only path and size matter here.
    private static (string? Path, long? Size) ParsePax(ReadOnlySpan<byte> data)
    {
        string? path = null;
        long? size = null;
        while (!data.IsEmpty)
        {
            var space = data.IndexOf((byte)' ');
            if (space <= 0 || !TryParseDecimal(data[..space], out var length) || length <= space + 1 || length > data.Length) break;
            var record = data[(space + 1)..(int)length];
            if (record[^1] == '\n') record = record[..^1];
            var eq = record.IndexOf((byte)'=');
            if (eq > 0)
            {
                var key = record[..eq];
                var value = record[(eq + 1)..];
                if (key.SequenceEqual("path"u8)) path = Encoding.UTF8.GetString(value);
                else if (key.SequenceEqual("size"u8) && TryParseDecimal(value, out var s)) size = s;
            }
            data = data[(int)length..];
        }
        return (path, size);
    }

    private static bool TryParseDecimal(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 18) return false;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
