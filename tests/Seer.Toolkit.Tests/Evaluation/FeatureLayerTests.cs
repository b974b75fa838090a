using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Evaluation;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Tests.Evaluation;

/// <summary>Feature-layer names, widths, and the pooled grids they select, against hand-computed averages.</summary>
public class FeatureLayerTests
{
    private readonly TorchBackend _backend = new();

    [Theory]
    [InlineData("avgpool", -1, 1, "avgpool")]
    [InlineData("conv1", 0, 2, "conv1")]
    [InlineData("res2", 1, 2, "res2")]
    [InlineData("block3", 3, 2, "res4")]
    [InlineData("RES4:3", 3, 3, "res4:3")]
    [InlineData(" res5:1 ", 4, 1, "res5:1")]
    public void Names_parse_to_stage_and_grid(string text, int stage, int grid, string canonical)
    {
        var layer = FeatureLayer.Parse(text);
        Assert.Equal((stage, grid), (layer.Stage, layer.Grid));
        Assert.Equal(canonical, layer.Name);
        Assert.Equal(layer, FeatureLayer.Parse(layer.Name));
    }

    [Theory]
    [InlineData("res1")]
    [InlineData("fc")]
    [InlineData("res4:0")]
    [InlineData("res4:x")]
    [InlineData("avgpool:2")]
    public void Bad_names_are_refused_with_the_accepted_forms(string text)
    {
        var e = Assert.Throws<FormatException>(() => FeatureLayer.Parse(text));
        Assert.Contains(text.Split(':')[0], e.Message);
    }

    [Fact]
    public void Lists_refuse_duplicates_under_either_name()
    {
        Assert.Equal(3, FeatureLayer.ParseList("res3, res4,avgpool").Count);
        var e = Assert.Throws<FormatException>(() => FeatureLayer.ParseList("block3,res4"));
        Assert.Contains("res4", e.Message);
    }

    [Fact]
    public void Adaptive_pool_averages_the_pytorch_bins()
    {
        // 5×3 map → 2×2: rows {0,1,2},{2,3,4} (⌊i·5/2⌋ … ⌈(i+1)·5/2⌉−1), columns {0,1},{1,2}
        var values = Enumerable.Range(0, 2 * 15).Select(i => (float)(i * i % 17)).ToArray();
        var pooled = _backend.AdaptiveAveragePool2d(_backend.FromArray(values, [1, 2, 5, 3]), 2, 2).ToFloatArray();
        int[][] rows = [[0, 1, 2], [2, 3, 4]], cols = [[0, 1], [1, 2]];
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++)
                {
                    double sum = 0;
                    foreach (var r in rows[i]) foreach (var q in cols[j]) sum += values[c * 15 + r * 3 + q];
                    Assert.Equal(sum / (rows[i].Length * cols[j].Length), pooled[c * 4 + i * 2 + j], 5);
                }
    }

    [Fact]
    public void Stage_features_are_the_pooled_stage_maps_and_avgpool_is_forward_features()
    {
        var trunk = RegNetModel.FromPreset("regnety_micro", 0).Materialize(_backend, 3);
        trunk.SetTraining(false);
        var x = _backend.FromArray(Enumerable.Range(0, 2 * 3 * 32 * 32).Select(i => MathF.Sin(i * 0.37f)).ToArray(), [2, 3, 32, 32]);
        var stages = trunk.ForwardStages(x);
        Assert.Equal(trunk.StageCount + 1, stages.Count);

        var avg = FeatureLayer.AveragePool.Select(stages).ToFloatArray();
        Assert.Equal(trunk.ForwardFeatures(x).ToFloatArray(), avg);
        Assert.Equal(2 * FeatureLayer.AveragePool.Dim(trunk), avg.Length);

        // res{S+1} on a grid of 1 is the global average of the last stage: the same numbers as avgpool
        var last1 = FeatureLayer.Parse($"res{trunk.StageCount + 1}:1");
        Assert.Equal(avg, last1.Select(stages).ToFloatArray());

        // conv1 pooled 2×2: the stem map [2, C, 16, 16] averaged over 8×8 quadrants, channel-major
        var stem = stages[0].ToFloatArray();
        int c0 = trunk.StageWidth(0);
        var conv1 = FeatureLayer.Parse("conv1");
        var f = conv1.Select(stages).ToFloatArray();
        Assert.Equal(2 * conv1.Dim(trunk), f.Length);
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < c0; c++)
                for (int q = 0; q < 4; q++)
                {
                    double sum = 0;
                    for (int r = 0; r < 8; r++)
                        for (int s = 0; s < 8; s++)
                            sum += stem[((n * c0 + c) * 16 + (q / 2) * 8 + r) * 16 + (q % 2) * 8 + s];
                    Assert.Equal(sum / 64, f[n * c0 * 4 + c * 4 + q], 4);
                }
    }

    [Fact]
    public void A_stage_beyond_the_trunk_is_refused_with_its_layers()
    {
        var trunk = RegNetModel.FromPreset("regnety_micro", 0);
        var e = Assert.Throws<ArgumentException>(() => FeatureLayer.Parse("res9").ValidateFor(trunk));
        Assert.Contains("res9", e.Message);
        Assert.Contains($"{trunk.StageCount} stages", e.Message);
    }
}
