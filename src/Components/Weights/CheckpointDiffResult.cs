using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Seer.Toolkit.Weights;

/// <summary>Element-wise comparison of two checkpoints over their shared canonical keys.</summary>
public sealed class CheckpointDiffResult(int keysCompared, double maxAbs, double maxRel, string? maxAbsKey,
    IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<ShapeMismatch> shapeMismatches,
    double maxRelTensor = 0, string? maxRelTensorKey = null)
{
    /// <summary>Keys present in both files with equal shapes, whose values were compared.</summary>
    public int KeysCompared { get; } = keysCompared;

    /// <summary>Largest |a − b| over all compared elements (+∞ when a NaN or infinity differs).</summary>
    public double MaxAbs { get; } = maxAbs;

    /// <summary>Largest |a − b| / max(|a|, |b|), taking 0 where both are 0.</summary>
    public double MaxRel { get; } = maxRel;

    /// <summary>
    /// Largest per-tensor relative difference max_i |a_i − b_i| / max_i max(|a_i|, |b_i|): each difference measured against
    /// the scale of its tensor (normwise, ∞-norm), so elements that are rounding noise around 0 — a bias in front of a batch
    /// norm, whose exact gradient is 0 — do not dominate as they do in <see cref="MaxRel"/>.
    /// </summary>
    public double MaxRelTensor { get; } = maxRelTensor;

    /// <summary>The key where <see cref="MaxRelTensor"/> occurs; null when every value is equal.</summary>
    public string? MaxRelTensorKey { get; } = maxRelTensorKey;

    /// <summary>The key holding the element where <see cref="MaxAbs"/> occurs; null when every value is equal.</summary>
    public string? MaxAbsKey { get; } = maxAbsKey;

    /// <summary>Keys of A absent from B, sorted ordinally.</summary>
    public IReadOnlyList<string> Missing { get; } = missing;

    /// <summary>Keys of B absent from A, sorted ordinally.</summary>
    public IReadOnlyList<string> Unexpected { get; } = unexpected;

    /// <summary>Keys on both sides with different shapes (Expected = A's, Found = B's).</summary>
    public IReadOnlyList<ShapeMismatch> ShapeMismatches { get; } = shapeMismatches;

    /// <summary>JSON with keys_compared, max_abs, max_rel, max_rel_tensor, max_rel_tensor_key (null when equal), missing, unexpected, shape_mismatches; non-finite numbers as strings.</summary>
    public string ToJson(bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("keys_compared", KeysCompared);
            WriteNumber(json, "max_abs", MaxAbs);
            WriteNumber(json, "max_rel", MaxRel);
            WriteNumber(json, "max_rel_tensor", MaxRelTensor);
            if (MaxRelTensorKey is null) json.WriteNull("max_rel_tensor_key");
            else json.WriteString("max_rel_tensor_key", MaxRelTensorKey);
            WriteStrings(json, "missing", Missing);
            WriteStrings(json, "unexpected", Unexpected);
            json.WriteStartArray("shape_mismatches");
            foreach (var m in ShapeMismatches)
            {
                json.WriteStartObject();
                json.WriteString("key", m.Key);
                WriteShape(json, "a", m.Expected);
                WriteShape(json, "b", m.Found);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    private static void WriteShape(Utf8JsonWriter json, string name, long[] shape)
    {
        json.WriteStartArray(name);
        foreach (var d in shape) json.WriteNumberValue(d);
        json.WriteEndArray();
    }
}
