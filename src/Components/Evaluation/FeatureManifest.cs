using System.Text;
using System.Text.Json;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// <c>manifest.json</c> of a feature export: dataset, checkpoint, arch, resolution, classes, class_names, layers,
/// splits (train first, then the held-out split) and files; written with Utf8JsonWriter and read with JsonDocument
/// (no reflection).
/// </summary>
public sealed record FeatureManifest(string Dataset, string Checkpoint, string Arch, int Resolution, IReadOnlyList<string> ClassNames,
    IReadOnlyList<string> Layers, IReadOnlyList<FeatureSplitEntry> Splits)
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The JSON text.</summary>
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("dataset", Dataset);
            w.WriteString("checkpoint", Checkpoint);
            w.WriteString("arch", Arch);
            w.WriteNumber("resolution", Resolution);
            w.WriteNumber("classes", ClassNames.Count);
            w.WriteStartArray("class_names");
            foreach (var c in ClassNames) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteStartArray("layers");
            foreach (var l in Layers) w.WriteStringValue(l);
            w.WriteEndArray();
            w.WriteStartArray("splits");
            foreach (var s in Splits)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteNumber("images", s.Images);
                w.WriteNumber("rows", s.Rows);
                w.WriteStartObject("skipped");
                foreach (var (reason, n) in s.Skipped) w.WriteNumber(reason, n);
                w.WriteEndObject();
                w.WriteStartArray("files");
                foreach (var l in Layers) w.WriteStringValue(FeatureFile.FileName(s.Name, FeatureLayer.Parse(l)));
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Reads <c>DIR/manifest.json</c>; a folder without one is an error saying how to make it.</summary>
    public static FeatureManifest Read(string dir)
    {
        var path = Path.Combine(dir, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"no {FileName} in {dir}; write features with `seer extract --out {dir}`", path);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var r = doc.RootElement;
            static List<string> Strings(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetString() ?? "")];
            var splits = r.GetProperty("splits").EnumerateArray().Select(s => new FeatureSplitEntry(
                s.GetProperty("name").GetString() ?? "", s.GetProperty("images").GetInt32(), s.GetProperty("rows").GetInt32(),
                s.GetProperty("skipped").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()))).ToList();
            if (splits.Count != 2) throw new InvalidDataException($"{path}: expected a training and a held-out split, found {splits.Count}");
            return new FeatureManifest(r.GetProperty("dataset").GetString() ?? "", r.GetProperty("checkpoint").GetString() ?? "",
                r.GetProperty("arch").GetString() ?? "", r.GetProperty("resolution").GetInt32(), Strings(r.GetProperty("class_names")),
                Strings(r.GetProperty("layers")), splits);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: not a feature manifest ({e.Message})", e);
        }
    }
}
