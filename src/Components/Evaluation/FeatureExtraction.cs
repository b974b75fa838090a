using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Tensors;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// Frozen features for the probes: raw pixels, or trunk activations in evaluation mode, of images passed through
/// <see cref="EvalTransform"/> (IDX: whole image resized to S; image files: resize to S·256/224, centre crop S).
/// Images that cannot be decoded get no row; a split with no usable image is an error.
/// </summary>
public static class FeatureExtraction
{
    /// <summary>Raw 8-bit gray pixels in [0, 1] of the first <paramref name="limit"/> images (the "pixels" baseline).</summary>
    public static FeatureSet Pixels(LabeledGrayDataset data, int limit = int.MaxValue)
    {
        int n = Math.Min(limit, data.Count), d = data.Images.Height * data.Images.Width;
        var x = new float[n * d];
        for (int i = 0; i < n * d; i++) x[i] = data.Images.Pixels[i] / 255f;
        return new FeatureSet(x, [.. data.Labels.Take(n).Select(l => (int)l)], d);
    }

    /// <summary>
    /// The pixels baseline of any labelled images: gray IDX pixels as <see cref="Pixels(LabeledGrayDataset, int)"/>,
    /// otherwise the evaluation-transformed RGB image (3·S² values in [0, 1], channel-major).
    /// </summary>
    public static FeatureSet Pixels(ILabeledImages data, int side, int limit = int.MaxValue)
    {
        if (data is LabeledGrayDataset gray) return Pixels(gray, limit);
        int n = Math.Min(limit, data.Count), per = 3 * side * side;
        var x = new List<float>();
        var labels = new List<int>();
        for (int start = 0; start < n; start += 256)
            foreach (var (row, img) in LoadBatch(data, start, Math.Min(256, n - start), side, null, null))
            {
                x.AddRange(img.Data);
                labels.Add(data.Label(row));
            }
        RequireRows(data, labels.Count, n);
        return new FeatureSet([.. x], [.. labels], per);
    }

    /// <summary>Pooled trunk features (global average pool of the last stage); see <see cref="TrunkLayers"/>.</summary>
    public static FeatureSet Trunk(RegNetModel trunk, IBackend backend, ILabeledImages data, int side,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> std, int batch = 256, int limit = int.MaxValue) =>
        TrunkLayers(trunk, backend, data, side, mean, std, [FeatureLayer.AveragePool], batch, limit)[0];

    /// <summary>Features of several trunk layers in one pass; one feature set per layer, in the order given (see <see cref="Extract"/>).</summary>
    public static FeatureSet[] TrunkLayers(RegNetModel trunk, IBackend backend, ILabeledImages data, int side,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> std, IReadOnlyList<FeatureLayer> layers, int batch = 256, int limit = int.MaxValue) =>
        Extract(trunk, backend, data, side, mean, std, layers, batch, limit).Layers;

    /// <summary>
    /// Features of several trunk layers in one pass over the first <paramref name="limit"/> images, each transformed
    /// to <paramref name="side"/> (<see cref="EvalTransform"/>) and normalised with <paramref name="mean"/>/<paramref name="std"/>;
    /// BN in evaluation mode, no gradient, and the trunk's mode restored after.
    /// </summary>
    public static LayerFeatures Extract(RegNetModel trunk, IBackend backend, ILabeledImages data, int side,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> std, IReadOnlyList<FeatureLayer> layers, int batch = 256, int limit = int.MaxValue)
    {
        var extracted = ExtractUsable(trunk, backend, data, side, mean, std, layers, batch, limit);
        RequireRows(data, extracted.Rows.Length, Math.Min(limit, data.Count));
        return extracted;
    }

    /// <summary>As <see cref="Extract"/>, but a split without any usable image gives empty features instead of an error (a rank's shard).</summary>
    internal static LayerFeatures ExtractUsable(RegNetModel trunk, IBackend backend, ILabeledImages data, int side,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> std, IReadOnlyList<FeatureLayer> layers, int batch, int limit = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        foreach (var layer in layers) layer.ValidateFor(trunk);
        int n = Math.Min(limit, data.Count), per = 3 * side * side;
        var dims = layers.Select(l => l.Dim(trunk)).ToArray();
        var features = dims.Select(d => new float[(long)n * d]).ToArray();
        var rows = new List<int>(n);
        float[] meanArray = mean.ToArray(), stdArray = std.ToArray();
        bool wasTraining = trunk.IsTraining;
        trunk.SetTraining(false);
        try
        {
            using var noGrad = backend.NoGrad();
            var pixels = new float[batch * per];
            for (int start = 0; start < n; start += batch)
            {
                var images = LoadBatch(data, start, Math.Min(batch, n - start), side, meanArray, stdArray);
                if (images.Count == 0) continue;
                int m = images.Count, first = rows.Count;
                for (int i = 0; i < m; i++)
                {
                    images[i].Image.Data.CopyTo(pixels, i * per);
                    rows.Add(images[i].Row);
                }
                using var scope = backend.NewScope();
                var x = backend.FromArray(pixels.AsSpan(0, m * per), [m, 3, side, side]);
                var stages = trunk.ForwardStages(x);
                for (int l = 0; l < layers.Count; l++)
                {
                    var f = layers[l].Select(stages).Cast(DType.Float32).ToFloatArray();
                    if (f.Length != m * dims[l])
                        throw new InvalidOperationException($"feature layer {layers[l].Name}: {f.Length / m} values per image, expected {dims[l]}");
                    f.CopyTo(features[l], (long)first * dims[l]);
                }
            }
        }
        finally
        {
            trunk.SetTraining(wasTraining);
        }
        int[] labels = [.. rows.Select(data.Label)];
        var sets = features.Select((f, l) =>
        {
            if (f.LongLength != (long)rows.Count * dims[l]) Array.Resize(ref f, rows.Count * dims[l]);
            return new FeatureSet(f, labels, dims[l]);
        }).ToArray();
        return new LayerFeatures(sets, [.. rows]);
    }

    /// <summary>Images start … start+count−1 decoded and transformed in parallel, unusable ones left out, in index order.</summary>
    private static List<(int Row, ImageF Image)> LoadBatch(ILabeledImages data, int start, int count, int side, float[]? mean, float[]? std)
    {
        var loaded = new ImageF?[count];
        Parallel.For(0, count, i =>
        {
            var img = data.Load(start + i);
            if (img is null) return;
            img = EvalTransform.Apply(img, side, data.EvalCrop);
            if (mean is not null && std is not null) ColorOps.Normalize(img, mean, std);
            loaded[i] = img;
        });
        var result = new List<(int, ImageF)>(count);
        for (int i = 0; i < count; i++)
            if (loaded[i] is { } img) result.Add((start + i, img));
        return result;
    }

    private static void RequireRows(ILabeledImages data, int usable, int tried) => RequireRows(data.Name, usable, tried, SkippedImages.Reasons(data));

    /// <summary>A split with images but none usable is an error naming the reasons.</summary>
    internal static void RequireRows(string name, int usable, int tried, string reasons)
    {
        if (usable == 0 && tried > 0)
            throw new InvalidDataException($"no usable images in {name}: all {tried} were skipped ({reasons})");
    }
}
