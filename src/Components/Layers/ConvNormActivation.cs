using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Layers;

/// <summary>conv → BN → optional ReLU, named "0" and "1" like torchvision's Conv2dNormActivation.</summary>
[Component]
public sealed partial class ConvNormActivation(int inChannels, int outChannels, int kernelSize, int stride = 1, int groups = 1, bool relu = true)
{
    [Child("0")] private readonly Conv2d conv = new(inChannels, outChannels, kernelSize, stride, groups);
    [Child("1")] private readonly BatchNorm2d norm = new(outChannels);

    /// <summary>[N, C_in, H, W] → [N, C_out, H/s, W/s].</summary>
    public Tensor Forward(Tensor x)
    {
        var y = norm.Forward(conv.Forward(x));
        return relu ? y.Relu() : y;
    }
}
