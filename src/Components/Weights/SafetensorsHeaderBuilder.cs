using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Weights;

/// <summary>Builds the JSON header for a list of tensors laid out back to back, padded with spaces to a multiple of 8 bytes.</summary>
internal static class SafetensorsHeaderBuilder
{
    /// <summary>UTF-8 header bytes: "__metadata__" first (keys sorted ordinally), then tensors in the given order.</summary>
    public static byte[] Build(IReadOnlyList<TensorRecord> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafetensorsHeaderParser.MetadataKey);
                foreach (var key in metadata.Keys.Order(StringComparer.Ordinal)) json.WriteString(key, metadata[key]);
                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var t in tensors)
            {
                json.WriteStartObject(t.Name);
                json.WriteString("dtype", t.DType.ToSafetensorsName());
                json.WriteStartArray("shape");
                foreach (var d in t.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset = checked(offset + t.ByteLength);
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }

        var padded = (buffer.WrittenCount + 7) / 8 * 8;
        var header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }
}
