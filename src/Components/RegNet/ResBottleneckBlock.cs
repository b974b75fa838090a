using Seer.Toolkit.Components.Layers;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.RegNet;

/// <summary>Residual Y-block: ReLU(proj(x) + f(x)), with a 1×1 projection when width or stride changes.</summary>
[Component]
public sealed partial class ResBottleneckBlock(int widthIn, int widthOut, int stride, int groupWidth, double bottleneckMultiplier, double seRatio)
{
    [Child] private readonly ConvNormActivation? proj =
        widthIn != widthOut || stride != 1 ? new(widthIn, widthOut, 1, stride, relu: false) : null;
    [Child] private readonly BottleneckTransform f = new(widthIn, widthOut, stride, groupWidth, bottleneckMultiplier, seRatio);

    /// <summary>[N, w_in, H, W] → [N, w_out, H/s, W/s].</summary>
    public Tensor Forward(Tensor x)
    {
        var shortcut = proj is null ? x : proj.Forward(x);
        return (shortcut + f.Forward(x)).Relu();
    }
}
