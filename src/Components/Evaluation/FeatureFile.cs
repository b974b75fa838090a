using System.Runtime.InteropServices;
using Seer.Toolkit.Tensors;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// One split's features of one layer as safetensors: <c>features</c> float32 [N, D], <c>labels</c> int64 [N], and
/// <c>indices</c> int64 [N] (each row's image in the split); metadata names layer, dataset, split, checkpoint, arch and
/// classes. Written atomically by <see cref="SafetensorsWriter"/>.
/// </summary>
public static class FeatureFile
{
    /// <summary>Tensor names.</summary>
    public const string FeaturesKey = "features", LabelsKey = "labels", IndicesKey = "indices";

    /// <summary>The file name of a split and layer: "train-avgpool.safetensors", "val-res5_3.safetensors".</summary>
    public static string FileName(string split, FeatureLayer layer) => $"{split}-{layer.Name.Replace(':', '_')}.safetensors";

    /// <summary>Writes <paramref name="set"/> with the image index of each row.</summary>
    public static void Write(string path, FeatureSet set, IReadOnlyList<int> indices, IReadOnlyDictionary<string, string> metadata)
    {
        if (indices.Count != set.Count) throw new ArgumentException($"{indices.Count} indices for {set.Count} feature rows");
        long[] labels = [.. set.Labels.Select(l => (long)l)], rows = [.. indices.Select(i => (long)i)];
        var records = new[]
        {
            TensorRecord.For(FeaturesKey, DType.Float32, [set.Count, set.Dim]),
            TensorRecord.For(LabelsKey, DType.Int64, [set.Count]),
            TensorRecord.For(IndicesKey, DType.Int64, [set.Count]),
        };
        SafetensorsWriter.Write(path, records, (record, stream) =>
        {
            switch (record.Name)
            {
                case FeaturesKey: stream.Write(MemoryMarshal.AsBytes(set.Features.AsSpan())); break;
                case LabelsKey: stream.Write(MemoryMarshal.AsBytes(labels.AsSpan())); break;
                default: stream.Write(MemoryMarshal.AsBytes(rows.AsSpan())); break;
            }
        }, metadata);
    }

    /// <summary>Reads a feature file; wrong names, types or shapes are errors naming the file.</summary>
    public static (FeatureSet Set, int[] Indices, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"feature file not found: {path}", path);
        using var reader = SafetensorsReader.Open(path);
        var f = Expect(reader, FeaturesKey, DType.Float32, 2);
        long n = f.Shape[0];
        var l = Expect(reader, LabelsKey, DType.Int64, 1);
        var idx = Expect(reader, IndicesKey, DType.Int64, 1);
        if (l.Shape[0] != n || idx.Shape[0] != n)
            throw new InvalidDataException($"{path}: {n} feature rows but {l.Shape[0]} labels and {idx.Shape[0]} indices");
        var features = new float[f.ElementCount];
        reader.ReadInto(FeaturesKey, MemoryMarshal.AsBytes(features.AsSpan()));
        var labels = new long[n];
        reader.ReadInto(LabelsKey, MemoryMarshal.AsBytes(labels.AsSpan()));
        var indices = new long[n];
        reader.ReadInto(IndicesKey, MemoryMarshal.AsBytes(indices.AsSpan()));
        if (labels.Any(v => v < 0 || v > int.MaxValue)) throw new InvalidDataException($"{path}: labels outside 0 … {int.MaxValue}");
        return (new FeatureSet(features, [.. labels.Select(v => (int)v)], (int)f.Shape[1]), [.. indices.Select(v => (int)v)], reader.Metadata);
    }

    private static TensorRecord Expect(SafetensorsReader reader, string name, DType dtype, int rank)
    {
        if (!reader.TryGet(name, out var record)) throw new InvalidDataException($"{reader.FilePath}: no '{name}' tensor; not a feature file");
        if (record.DType != dtype || record.Shape.Length != rank)
            throw new InvalidDataException($"{reader.FilePath}: '{name}' is {record.DType} of rank {record.Shape.Length}, expected {dtype} of rank {rank}");
        return record;
    }
}
