using System.Text.Json;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Weights;

/// <summary>Parses and validates a safetensors JSON header; it only reads data, never evaluates anything.</summary>
internal static class SafetensorsHeaderParser
{
    /// <summary>Name of the optional string-to-string metadata object in the header.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>A validated entry: the record plus its begin offset inside the data section.</summary>
    public readonly record struct Entry(TensorRecord Record, long Begin);

    /// <summary>Parses <paramref name="header"/>; offsets are checked against <paramref name="dataLength"/>.</summary>
    public static (List<Entry> Entries, Dictionary<string, string> Metadata) Parse(string path, ReadOnlyMemory<byte> header, long dataLength)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new SafetensorsFormatException(path, null, $"header is not valid JSON ({e.Message})", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new SafetensorsFormatException(path, null, $"header must be a JSON object, found {root.ValueKind}");

            var entries = new List<Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var prop in root.EnumerateObject())
            {
                if (!seen.Add(prop.Name))
                    throw new SafetensorsFormatException(path, prop.Name, "name appears more than once in the header");
                if (prop.Name == MetadataKey) ReadMetadata(path, prop.Value, metadata);
                else entries.Add(ReadEntry(path, prop.Name, prop.Value, dataLength));
            }
            CheckNoOverlap(path, entries);
            return (entries, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafetensorsFormatException(path, null, $"'{MetadataKey}' must be an object of strings, found {value.ValueKind}");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new SafetensorsFormatException(path, null, $"'{MetadataKey}' entry '{item.Name}' must be a string, found {item.Value.ValueKind}");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw new SafetensorsFormatException(path, null, $"'{MetadataKey}' entry '{item.Name}' appears more than once");
        }
    }

    private static Entry ReadEntry(string path, string name, JsonElement value, long dataLength)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafetensorsFormatException(path, name, $"entry must be an object, found {value.ValueKind}");

        if (!value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new SafetensorsFormatException(path, name, "missing or non-string 'dtype'");
        DType dtype;
        try
        {
            dtype = DTypes.FromSafetensorsName(dtypeElement.GetString()!);
        }
        catch (FormatException e)
        {
            throw new SafetensorsFormatException(path, name, e.Message, e);
        }

        if (!value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw new SafetensorsFormatException(path, name, "missing or non-array 'shape'");
        var shape = new long[shapeElement.GetArrayLength()];
        var i = 0;
        foreach (var dim in shapeElement.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out var d))
                throw new SafetensorsFormatException(path, name, $"'shape' entry {i} is not an integer");
            if (d < 0)
                throw new SafetensorsFormatException(path, name, $"'shape' has negative dimension {d} at index {i}");
            shape[i++] = d;
        }

        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
            throw new SafetensorsFormatException(path, name, "missing 'data_offsets' or it is not a [begin, end] pair");
        var begin = ReadOffset(path, name, offsets[0], "begin");
        var end = ReadOffset(path, name, offsets[1], "end");
        if (end < begin)
            throw new SafetensorsFormatException(path, name, $"'data_offsets' end {end} is before begin {begin}");
        if (end > dataLength)
            throw new SafetensorsFormatException(path, name, $"'data_offsets' [{begin}, {end}] run past the data section ({dataLength} bytes)");

        long expected;
        try
        {
            expected = checked(TensorRecord.ElementCountOf(shape) * dtype.SizeOf());
        }
        catch (OverflowException e)
        {
            throw new SafetensorsFormatException(path, name, $"shape {ShapeText.Format(shape)} is too large", e);
        }
        if (end - begin != expected)
            throw new SafetensorsFormatException(path, name,
                $"'data_offsets' [{begin}, {end}] span {end - begin} bytes but shape {ShapeText.Format(shape)} of {dtype.ToSafetensorsName()} needs {expected}");

        return new Entry(new TensorRecord(name, dtype, shape, expected), begin);
    }

    private static long ReadOffset(string path, string name, JsonElement element, string which)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var v))
            throw new SafetensorsFormatException(path, name, $"'data_offsets' {which} is not an integer");
        if (v < 0)
            throw new SafetensorsFormatException(path, name, $"'data_offsets' {which} {v} is negative");
        return v;
    }

    /// <summary>Rejects byte ranges that share bytes; gaps between tensors are tolerated.</summary>
    private static void CheckNoOverlap(string path, List<Entry> entries)
    {
        entries.Sort(static (x, y) =>
        {
            var c = x.Begin.CompareTo(y.Begin);
            if (c != 0) return c;
            c = x.Record.ByteLength.CompareTo(y.Record.ByteLength);
            return c != 0 ? c : string.CompareOrdinal(x.Record.Name, y.Record.Name);
        });
        for (var k = 1; k < entries.Count; k++)
        {
            var prev = entries[k - 1];
            var cur = entries[k];
            if (prev.Begin + prev.Record.ByteLength > cur.Begin)
                throw new SafetensorsFormatException(path, cur.Record.Name,
                    $"'data_offsets' [{cur.Begin}, {cur.Begin + cur.Record.ByteLength}] overlap tensor '{prev.Record.Name}' [{prev.Begin}, {prev.Begin + prev.Record.ByteLength}]");
        }
    }
}
