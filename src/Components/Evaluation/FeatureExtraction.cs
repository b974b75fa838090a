using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Tensors;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>Frozen features for the probes: raw pixels, or a trunk's pooled output in evaluation mode.</summary>
public static class FeatureExtraction
{
    /// <summary>Raw pixels in [0, 1] of the first <paramref name="limit"/> images (the "pixels" baseline).</summary>
    public static FeatureSet Pixels(LabeledGrayDataset data, int limit = int.MaxValue)
    {
        int n = Math.Min(limit, data.Count), d = data.Images.Height * data.Images.Width;
        var x = new float[n * d];
        for (int i = 0; i < n * d; i++) x[i] = data.Images.Pixels[i] / 255f;
        return new FeatureSet(x, [.. data.Labels.Take(n).Select(l => (int)l)], d);
    }

    /// <summary>
    /// Pooled trunk features (global average pool of the last stage) of whole images resized to <paramref name="side"/>;
    /// see <see cref="TrunkLayers"/>.
    /// </summary>
    public static FeatureSet Trunk(RegNetModel trunk, IBackend backend, LabeledGrayDataset data, int side,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> std, int batch = 256, int limit = int.MaxValue) =>
        TrunkLayers(trunk, backend, data, side, mean, std, [FeatureLayer.AveragePool], batch, limit)[0];

    /// <summary>
    /// Features of several trunk layers in one pass over whole images resized to <paramref name="side"/> (gray replicated to
    /// RGB, normalised with <paramref name="mean"/>/<paramref name="std"/>), BN in evaluation mode; the trunk's mode is
    /// restored after. One feature set per layer, in the order given.
    /// </summary>
    public static FeatureSet[] TrunkLayers(RegNetModel trunk, IBackend backend, LabeledGrayDataset data, int side,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> std, IReadOnlyList<FeatureLayer> layers, int batch = 256, int limit = int.MaxValue)
    {
        foreach (var layer in layers) layer.ValidateFor(trunk);
        int n = Math.Min(limit, data.Count), per = 3 * side * side;
        var dims = layers.Select(l => l.Dim(trunk)).ToArray();
        var features = dims.Select(d => new float[(long)n * d]).ToArray();
        bool wasTraining = trunk.IsTraining;
        trunk.SetTraining(false);
        try
        {
            using var noGrad = backend.NoGrad();
            var pixels = new float[batch * per];
            for (int start = 0; start < n; start += batch)
            {
                int m = Math.Min(batch, n - start);
                for (int i = 0; i < m; i++)
                {
                    var img = ImageF.FromGray(data.Images.Image(start + i), data.Images.Height, data.Images.Width);
                    if (side != img.Height || side != img.Width)
                        img = RandomResizedCrop.CropResize(img, new CropBox(0, 0, img.Height, img.Width), side);
                    ColorOps.Normalize(img, mean, std);
                    img.Data.CopyTo(pixels, i * per);
                }
                using var scope = backend.NewScope();
                var x = backend.FromArray(pixels.AsSpan(0, m * per), [m, 3, side, side]);
                var stages = trunk.ForwardStages(x);
                for (int l = 0; l < layers.Count; l++)
                {
                    var f = layers[l].Select(stages).Cast(DType.Float32).ToFloatArray();
                    if (f.Length != m * dims[l])
                        throw new InvalidOperationException($"feature layer {layers[l].Name}: {f.Length / m} values per image, expected {dims[l]}");
                    f.CopyTo(features[l], (long)start * dims[l]);
                }
            }
        }
        finally
        {
            trunk.SetTraining(wasTraining);
        }
        int[] labels = [.. data.Labels.Take(n).Select(l => (int)l)];
        return [.. features.Select((f, l) => new FeatureSet(f, labels, dims[l]))];
    }
}
