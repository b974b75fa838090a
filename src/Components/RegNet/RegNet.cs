using Seer.Toolkit.Components.Layers;
using Seer.Toolkit.Components.RegNet.Design;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.RegNet;

/// <summary>
/// RegNetY (Radosavovic et al. 2020) with torchvision's module names: stem (3×3 s2 conv-BN-ReLU), trunk_output.block1..N,
/// global average pooling and an optional classifier fc (<paramref name="numClasses"/> 0 = trunk only).
/// </summary>
[Component("RegNet")]
public sealed partial class RegNet(int stemWidth, int[] widths, int[] depths, int[] groupWidths, double[] bottleneckMultipliers,
    double seRatio, int numClasses, int inChannels = 3)
{
    [Child] private readonly ConvNormActivation stem = new(inChannels, stemWidth, 3, 2);

    [Child("trunk_output")] private readonly ComponentList<AnyStage> trunk = new(
        Enumerable.Range(0, widths.Length).Select(i => ($"block{i + 1}",
            new AnyStage(i + 1, i == 0 ? stemWidth : widths[i - 1], widths[i], RegNetDesignSpace.StageStride, depths[i], groupWidths[i],
                bottleneckMultipliers[i], seRatio))));

    [Child] private readonly Linear? fc = numClasses > 0 ? new(widths[^1], numClasses) : null;

    /// <summary>Channels of the pooled trunk features.</summary>
    public int FeatureWidth => widths[^1];

    /// <summary>
    /// Activation checkpointing of the trunk stages (the stem is not checkpointed): 0 = off, N = every stage's blocks
    /// run as N recomputed segments (see <see cref="AnyStage.CheckpointSplits"/>).
    /// </summary>
    public int ActivationCheckpointing
    {
        get => trunk.Count == 0 ? 0 : trunk[0].CheckpointSplits;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            foreach (var stage in trunk) stage.CheckpointSplits = value;
        }
    }

    /// <summary>Builds the network of a resolved spec.</summary>
    public static RegNet FromSpec(RegNetSpec spec, int numClasses) => new(
        spec.StemWidth, spec.Widths, spec.Depths, spec.GroupWidths,
        [.. spec.Stages.Select(s => s.BottleneckMultiplier)], spec.SeRatio, numClasses, spec.InChannels);

    /// <summary>Builds a named preset.</summary>
    public static RegNet FromPreset(string name, int numClasses) =>
        FromSpec(RegNetDesignSpace.Resolve(RegNetPresets.Get(name).Params), numClasses);

    /// <summary>Pooled trunk features: [N, 3, H, W] → [N, w_last].</summary>
    public Tensor ForwardFeatures(Tensor x)
    {
        x = stem.Forward(x);                                   // [N, w_stem, H/2, W/2]
        foreach (var stage in trunk) x = stage.Forward(x);     // [N, w_last, H/2^(1+S), W/2^(1+S)]
        return x.Backend.GlobalAveragePool2d(x).Flatten(1);    // [N, w_last]
    }

    /// <summary>The stem's and every stage's output: [stem [N, w_stem, H/2, W/2], block1, …, blockS [N, w_last, H/2^(1+S), W/2^(1+S)]].</summary>
    public IReadOnlyList<Tensor> ForwardStages(Tensor x)
    {
        var outputs = new List<Tensor>(trunk.Count + 1) { stem.Forward(x) };
        foreach (var stage in trunk) outputs.Add(stage.Forward(outputs[^1]));
        return outputs;
    }

    /// <summary>Channels of the stem (index 0) and of each stage (1 … S).</summary>
    public int StageWidth(int index) => index == 0 ? stemWidth : widths[index - 1];

    /// <summary>Number of stages S.</summary>
    public int StageCount => widths.Length;

    /// <summary>[N, 3, H, W] → logits [N, classes], or pooled features [N, w_last] when there is no classifier.</summary>
    public Tensor Forward(Tensor x)
    {
        var features = ForwardFeatures(x);
        return fc is null ? features : fc.Forward(features);
    }
}
