using Seer.Toolkit.Components.Layers;
using Seer.Toolkit.Components.RegNet.Design;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.RegNet;

/// <summary>The Y-block transform: 1×1 (a) → grouped 3×3 with stride (b) → SE (se) → 1×1 without ReLU (c).</summary>
[Component]
public sealed partial class BottleneckTransform(int widthIn, int widthOut, int stride, int groupWidth, double bottleneckMultiplier, double seRatio)
{
    private static int Wb(int widthOut, double b) => RegNetDesignSpace.BottleneckWidth(widthOut, b);

    [Child] private readonly ConvNormActivation a = new(widthIn, Wb(widthOut, bottleneckMultiplier), 1);
    [Child] private readonly ConvNormActivation b = new(Wb(widthOut, bottleneckMultiplier), Wb(widthOut, bottleneckMultiplier), 3, stride,
        Wb(widthOut, bottleneckMultiplier) / groupWidth);
    [Child] private readonly SqueezeExcitation? se = seRatio > 0
        ? new(Wb(widthOut, bottleneckMultiplier), RegNetDesignSpace.SqueezeWidth(widthIn, seRatio)) : null;
    [Child] private readonly ConvNormActivation c = new(Wb(widthOut, bottleneckMultiplier), widthOut, 1, relu: false);

    /// <summary>[N, w_in, H, W] → [N, w_out, H/s, W/s].</summary>
    public Tensor Forward(Tensor x)
    {
        var y = b.Forward(a.Forward(x));
        if (se is not null) y = se.Forward(y);
        return c.Forward(y);
    }
}
