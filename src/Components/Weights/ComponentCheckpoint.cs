using Seer.Toolkit.Backends;
using Seer.Toolkit.Components;

namespace Seer.Toolkit.Weights;

/// <summary>What a load did: the naming scheme found and how many tensors were copied.</summary>
public sealed record CheckpointLoadReport(CheckpointFormat Format, int Loaded, IReadOnlyList<string> Ignored);

/// <summary>
/// Saves and loads a component's state (parameters then buffers, canonical dotted names) as safetensors. Loads remap
/// timm / VISSL names first, check every key and shape before touching the model, and never execute file content.
/// </summary>
public static class ComponentCheckpoint
{
    /// <summary>Writes every materialised slot, streaming one tensor at a time; the file appears atomically.</summary>
    public static void Save(IComponent component, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var slots = component.StateSlots();
        var records = slots.Select(kv => TensorRecord.For(kv.Key, kv.Value.Value.DType, kv.Value.Value.Shape)).ToArray();
        var index = 0;
        SafetensorsWriter.Write(path, records, (_, stream) =>
        {
            var tensor = slots[index++].Value.Value;
            stream.Write(tensor.Backend.ToBytes(tensor));
        }, metadata);
    }

    /// <summary>
    /// Loads <paramref name="path"/> into an already materialised component. Values are copied in place (dtype
    /// converted), so parameters keep their identity and gradient flags. Throws <see cref="CheckpointMismatchException"/>
    /// naming every missing, unexpected or mis-shaped key before anything is changed.
    /// </summary>
    public static CheckpointLoadReport Load(IComponent component, string path, StateMatchOptions? options = null,
        CheckpointFormat format = CheckpointFormat.Unknown)
    {
        using var reader = SafetensorsReader.Open(path);
        var remap = CheckpointKeyRemap.ToCanonical(reader.Entries.Select(e => e.Name), format);
        var slots = component.StateSlots().ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var expected = slots.ToDictionary(kv => kv.Key, kv => kv.Value.Shape, StringComparer.Ordinal);
        var match = StateMatch.Compute(expected, reader, options, remap.Format);
        match.ThrowIfMismatch(path);

        int loaded = 0;
        var ignored = new List<string>();
        // Keys no naming scheme maps (non-RegNet components such as heads) are matched by their own names.
        var sources = remap.CanonicalToSource.Concat(remap.Unmapped.Where(slots.ContainsKey).Select(k => new KeyValuePair<string, string>(k, k)));
        foreach (var (canonical, source) in sources)
        {
            if (!slots.TryGetValue(canonical, out var slot))
            {
                ignored.Add(source);
                continue;
            }
            var record = reader.Get(source);
            var target = slot.Value;
            IBackend backend = target.Backend;
            using var scope = backend.NewScope();
            var value = backend.FromBytes(reader.ReadBytes(source), record.DType, record.Shape);
            backend.CopyInPlace(target, value);
            loaded++;
        }
        ignored.AddRange(remap.Unmapped.Where(k => !slots.ContainsKey(k)));
        return new CheckpointLoadReport(remap.Format, loaded, ignored);
    }
}
