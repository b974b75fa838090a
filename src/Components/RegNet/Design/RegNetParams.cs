namespace Seer.Toolkit.Components.RegNet.Design;

/// <summary>How stage widths are made compatible with group widths.</summary>
public enum WidthRounding
{
    /// <summary>torchvision: <c>_make_divisible(w·b, g)</c> (round half up to a multiple, never below 90 %).</summary>
    TorchVision,
    /// <summary>ClassyVision / VISSL / pycls: <c>round(w·b / g) · g</c> (half to even).</summary>
    ClassyVision,
}

/// <summary>
/// The RegNet design space of Radosavovic et al. 2020 (§3.3): a linear width ramp u_j = w_0 + w_a·j, quantised in
/// log space with base w_m, plus bottleneck multiplier, group width and SE ratio.
/// </summary>
public sealed record RegNetParams(
    int Depth,
    int W0,
    double WA,
    double WM,
    int GroupWidth,
    double BottleneckMultiplier = 1.0,
    double SeRatio = 0.25,
    int StemWidth = 32,
    WidthRounding Rounding = WidthRounding.TorchVision);

/// <summary>One stage of a resolved RegNet: all blocks share width, group width and bottleneck multiplier.</summary>
public sealed record RegNetStage(int Width, int Depth, int GroupWidth, int Stride, double BottleneckMultiplier);

/// <summary>A resolved architecture: what module construction and complexity counting consume.</summary>
public sealed record RegNetSpec(int StemWidth, IReadOnlyList<RegNetStage> Stages, double SeRatio, int InChannels = 3)
{
    /// <summary>Per-stage widths.</summary>
    public int[] Widths => [.. Stages.Select(s => s.Width)];

    /// <summary>Per-stage depths.</summary>
    public int[] Depths => [.. Stages.Select(s => s.Depth)];

    /// <summary>Per-stage group widths.</summary>
    public int[] GroupWidths => [.. Stages.Select(s => s.GroupWidth)];

    /// <summary>Channels of the trunk's output.</summary>
    public int OutputWidth => Stages[^1].Width;
}
