using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Tests.Data;
using Seer.Toolkit.Tests.Datasets;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Tests.Distributed;

/// <summary>
/// Distributed feature extraction on threaded in-process ranks: shards of uneven size, an unusable image in one of them,
/// gathered back into the rows, labels, features and skip counts one process extracts.
/// </summary>
public sealed class ShardedFeatureExtractionTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ranks_together_extract_what_one_process_extracts(int ranks)
    {
        LabeledImageTree.Write(_dir, "shapes", ["circle", "square", "star"], 5);           // 15 images, shards of uneven size
        _dir.Write("shapes/square/zz.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2]);                 // unusable: counted once, no row
        var root = Path.Combine(_dir.Path, "shapes");
        var crops = new MultiCropOptions();
        FeatureLayer[] layers = [FeatureLayer.AveragePool, FeatureLayer.Parse("res3")];

        var backend = new TorchBackend();
        var trunk = RegNetModel.FromPreset("regnety_micro", 0).Materialize(backend, 0);
        var splits = LabeledDatasets.Open(root);                                            // 80/20 split of the 16 files
        var singles = new[] { splits.Train, splits.Test }.Select(split => FeatureExtraction.Extract(trunk, backend, split, 32, crops.Mean, crops.Std, layers, batch: 4)).ToArray();

        var results = InProcessGroup.Run(ranks, g =>
        {
            var b = new TorchBackend();
            var t = RegNetModel.FromPreset("regnety_micro", 0).Materialize(b, 0);
            var data = LabeledDatasets.Open(root);
            return new[] { data.Train, data.Test }.Select(split => ShardedFeatureExtraction.Extract(g, t, b, split, 32, crops.Mean, crops.Std, layers, batch: 4)).ToArray();
        });

        Assert.Equal(15, singles.Sum(x => x.Rows.Length));
        foreach (var rank in results)
        {
            Assert.Equal(1, rank.Sum(x => x.Skipped.Values.Sum()));
            Assert.Equal(splits.Train.Skipped.Where(kv => kv.Value > 0), rank[0].Skipped.Where(kv => kv.Value > 0));   // summed over the shards
            Assert.Equal(splits.Test.Skipped.Where(kv => kv.Value > 0), rank[1].Skipped.Where(kv => kv.Value > 0));
            for (int s = 0; s < 2; s++)
            {
                var (single, features) = (singles[s], rank[s].Features);
                Assert.Equal(single.Rows, features.Rows);
                for (int l = 0; l < layers.Length; l++)
                {
                    Assert.Equal(single.Layers[l].Dim, features.Layers[l].Dim);
                    Assert.Equal(single.Layers[l].Labels, features.Layers[l].Labels);
                    // an image's features do not depend on which rank or batch computed it (evaluation-mode batch norm)
                    double scale = single.Layers[l].Features.Max(MathF.Abs);
                    double worst = single.Layers[l].Features.Zip(features.Layers[l].Features, (a, b) => Math.Abs(a - b)).Max();
                    Assert.True(worst <= 1e-5 * scale, $"{layers[l].Name}: max |Δ| {worst:E3} of scale {scale:E3}");
                }
            }
        }
    }
}
