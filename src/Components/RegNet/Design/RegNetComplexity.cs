namespace Seer.Toolkit.Components.RegNet.Design;

/// <summary>Analytic cost of a network: multiply-adds ("flops" as pycls and torchvision report them), parameters, activations.</summary>
public readonly record struct Complexity(long Flops, long Parameters, long Activations)
{
    /// <summary>Sum of two costs.</summary>
    public static Complexity operator +(Complexity a, Complexity b) =>
        new(a.Flops + b.Flops, a.Parameters + b.Parameters, a.Activations + b.Activations);

    /// <summary>Flops in units of 10⁹.</summary>
    public double GFlops => Flops / 1e9;
}

/// <summary>
/// pycls-style complexity functions: each layer's cost from its shapes alone, so an architecture is costed without
/// building it. Spatial sizes follow h' = ⌊(h + 2p − k) / s⌋ + 1.
/// </summary>
public static class RegNetComplexity
{
    /// <summary>k×k convolution: flops k²·c_in·c_out·h'·w'/g (+ c_out·h'·w' with bias), params k²·c_in·c_out/g (+ c_out).</summary>
    public static (Complexity Cost, int H, int W) Conv(int h, int w, int cin, int cout, int k, int stride, int groups = 1, bool bias = false)
    {
        int p = (k - 1) / 2;
        int ho = (h + 2 * p - k) / stride + 1, wo = (w + 2 * p - k) / stride + 1;
        long flops = (long)k * k * cin * cout * ho * wo / groups + (bias ? (long)cout * ho * wo : 0);
        long parms = (long)k * k * cin * cout / groups + (bias ? cout : 0);
        return (new Complexity(flops, parms, (long)cout * ho * wo), ho, wo);
    }

    /// <summary>Batch norm: 2·c affine parameters, no flops.</summary>
    public static Complexity BatchNorm(int h, int w, int c) => new(0, 2L * c, (long)c * h * w);

    /// <summary>Dense layer: flops c_in·c_out (+ c_out), params the same.</summary>
    public static Complexity Linear(int cin, int cout, bool bias = true) =>
        new((long)cin * cout + (bias ? cout : 0), (long)cin * cout + (bias ? cout : 0), cout);

    /// <summary>Squeeze-and-excitation on c channels with squeeze width s: two biased 1×1 convs at 1×1.</summary>
    public static Complexity SqueezeExcitation(int h, int w, int c, int s) =>
        Conv(1, 1, c, s, 1, 1, 1, bias: true).Cost + Conv(1, 1, s, c, 1, 1, 1, bias: true).Cost + new Complexity(0, 0, c);

    /// <summary>One X/Y block: 1×1 → grouped 3×3 (stride) → SE → 1×1, with a projection when shape changes.</summary>
    public static (Complexity Cost, int H, int W) Block(int h, int w, int widthIn, int widthOut, int stride, int groupWidth, double bottleneck, double seRatio)
    {
        int wb = RegNetDesignSpace.BottleneckWidth(widthOut, bottleneck);
        int groups = wb / groupWidth;
        var cost = default(Complexity);
        var (a, h1, w1) = Conv(h, w, widthIn, wb, 1, 1);
        cost += a + BatchNorm(h1, w1, wb);
        var (b, h2, w2) = Conv(h1, w1, wb, wb, 3, stride, groups);
        cost += b + BatchNorm(h2, w2, wb);
        if (seRatio > 0) cost += SqueezeExcitation(h2, w2, wb, RegNetDesignSpace.SqueezeWidth(widthIn, seRatio));
        var (c, h3, w3) = Conv(h2, w2, wb, widthOut, 1, 1);
        cost += c + BatchNorm(h3, w3, widthOut);
        if (widthIn != widthOut || stride != 1)
        {
            var (proj, hp, wp) = Conv(h, w, widthIn, widthOut, 1, stride);
            cost += proj + BatchNorm(hp, wp, widthOut);
        }
        return (cost, h3, w3);
    }

    /// <summary>Whole network at resolution <paramref name="resolution"/>; <paramref name="classes"/> 0 means trunk only.</summary>
    public static Complexity Network(RegNetSpec spec, int classes, int resolution = 224)
    {
        var (stem, h, w) = Conv(resolution, resolution, spec.InChannels, spec.StemWidth, 3, 2);
        var cost = stem + BatchNorm(h, w, spec.StemWidth);
        int widthIn = spec.StemWidth;
        foreach (var stage in spec.Stages)
        {
            for (int j = 0; j < stage.Depth; j++)
            {
                var (bc, hb, wb) = Block(h, w, widthIn, stage.Width, j == 0 ? stage.Stride : 1, stage.GroupWidth, stage.BottleneckMultiplier, spec.SeRatio);
                cost += bc;
                (h, w, widthIn) = (hb, wb, stage.Width);
            }
        }
        if (classes > 0) cost += Linear(widthIn, classes);
        return cost;
    }
}
