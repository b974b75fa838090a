namespace Seer.Toolkit.Components.RegNet.Design;

/// <summary>Pure functions from design-space parameters to per-stage widths, depths and group widths.</summary>
public static class RegNetDesignSpace
{
    /// <summary>Width quantum q of the per-block widths.</summary>
    public const int Quantum = 8;

    /// <summary>Spatial stride of every stage's first block.</summary>
    public const int StageStride = 2;

    /// <summary>
    /// Per-block widths: u_j = w_0 + w_a·j, s_j = round(log(u_j / w_0) / log w_m), w_j = round(w_0·w_m^s_j / q)·q
    /// (half to even, as torch.round and numpy.round).
    /// </summary>
    public static int[] BlockWidths(int depth, int w0, double wa, double wm)
    {
        if (depth <= 0) throw new ArgumentOutOfRangeException(nameof(depth), depth, "depth must be positive");
        if (wa < 0 || w0 <= 0 || wm <= 1 || w0 % Quantum != 0)
            throw new ArgumentException($"invalid RegNet parameters: need w_a >= 0, w_0 > 0, w_m > 1, w_0 % {Quantum} == 0 (got w_0={w0}, w_a={wa}, w_m={wm})");
        var widths = new int[depth];
        for (int j = 0; j < depth; j++)
        {
            double u = w0 + wa * j;
            double s = Math.Round(Math.Log(u / w0) / Math.Log(wm), MidpointRounding.ToEven);
            widths[j] = (int)(Math.Round(w0 * Math.Pow(wm, s) / Quantum, MidpointRounding.ToEven) * Quantum);
        }
        return widths;
    }

    /// <summary>Groups consecutive equal block widths into (width, depth) stages.</summary>
    public static (int Width, int Depth)[] Stages(int[] blockWidths)
    {
        var stages = new List<(int, int)>();
        foreach (var w in blockWidths)
        {
            if (stages.Count > 0 && stages[^1].Item1 == w) stages[^1] = (w, stages[^1].Item2 + 1);
            else stages.Add((w, 1));
        }
        return [.. stages];
    }

    /// <summary>
    /// Makes stage width w and group width g compatible: g' = min(g, w·b), w_b' = round_to(w·b, g'), w' = w_b' / b.
    /// </summary>
    public static (int Width, int GroupWidth) AdjustForGroups(int width, double bottleneckMultiplier, int groupWidth, WidthRounding rounding)
    {
        int wBot = (int)(width * bottleneckMultiplier);
        int g = Math.Min(groupWidth, wBot);
        int wBotAdjusted = rounding switch
        {
            WidthRounding.TorchVision => MakeDivisible(wBot, g),
            WidthRounding.ClassyVision => (int)(Math.Round((double)wBot / g, MidpointRounding.ToEven) * g),
            _ => throw new ArgumentOutOfRangeException(nameof(rounding)),
        };
        return ((int)(wBotAdjusted / bottleneckMultiplier), g);
    }

    /// <summary>torchvision's _make_divisible: max(d, ⌊v + d/2⌋ rounded down to d), plus d when that lost over 10 %.</summary>
    public static int MakeDivisible(double v, int divisor)
    {
        int newV = Math.Max(divisor, (int)(v + divisor / 2.0) / divisor * divisor);
        if (newV < 0.9 * v) newV += divisor;
        return newV;
    }

    /// <summary>Resolves design-space parameters into a stage list.</summary>
    public static RegNetSpec Resolve(RegNetParams p)
    {
        if (p.GroupWidth <= 0) throw new ArgumentOutOfRangeException(nameof(p), p.GroupWidth, "group width must be positive");
        if (p.BottleneckMultiplier <= 0) throw new ArgumentOutOfRangeException(nameof(p), p.BottleneckMultiplier, "bottleneck multiplier must be positive");
        var stages = Stages(BlockWidths(p.Depth, p.W0, p.WA, p.WM))
            .Select(s =>
            {
                var (w, g) = AdjustForGroups(s.Width, p.BottleneckMultiplier, p.GroupWidth, p.Rounding);
                return new RegNetStage(w, s.Depth, g, StageStride, p.BottleneckMultiplier);
            })
            .ToArray();
        return new RegNetSpec(p.StemWidth, stages, p.SeRatio);
    }

    /// <summary>Bottleneck width of a block: w_b = round(w_out · b).</summary>
    public static int BottleneckWidth(int widthOut, double bottleneckMultiplier) =>
        (int)Math.Round(widthOut * bottleneckMultiplier, MidpointRounding.ToEven);

    /// <summary>SE squeeze width: round(se_ratio · w_in) (torchvision and pycls use the block's input width).</summary>
    public static int SqueezeWidth(int widthIn, double seRatio) =>
        (int)Math.Round(seRatio * widthIn, MidpointRounding.ToEven);
}
