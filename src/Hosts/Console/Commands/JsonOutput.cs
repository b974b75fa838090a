using System.Text;
using System.Text.Json;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary>Writes one indented JSON object to standard output with Utf8JsonWriter (no reflection).</summary>
internal static class JsonOutput
{
    public static void Write(TextWriter output, Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Writes one indented JSON array of objects, one per item.</summary>
    public static void WriteArrayOf<T>(TextWriter output, IEnumerable<T> items, Action<Utf8JsonWriter, T> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStartObject();
                body(writer, item);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    public static void WriteArray(this Utf8JsonWriter w, string name, IEnumerable<int> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    public static void WriteArray(this Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
