using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Layers;

/// <summary>
/// Square-kernel 2-D convolution, padding (k−1)/2 by default. Weights N(0, 2/(k²·C_out)) as torchvision's RegNet
/// init; the optional bias U(±1/√fan_in) as PyTorch's default.
/// </summary>
[Component]
public sealed partial class Conv2d(int inChannels, int outChannels, int kernelSize, int stride = 1, int groups = 1, bool bias = false)
{
    [Parameter] private readonly Parameter weight =
        new([outChannels, inChannels / groups, kernelSize, kernelSize], Init.KaimingNormalFanOut(kernelSize, kernelSize, outChannels));

    [Parameter("bias")] private readonly Parameter? _bias =
        bias ? new([outChannels], Init.DefaultBias((long)inChannels / groups * kernelSize * kernelSize)) : null;

    /// <summary>[N, C_in, H, W] → [N, C_out, ⌊(H−1)/s⌋+1, ⌊(W−1)/s⌋+1].</summary>
    public Tensor Forward(Tensor x) =>
        x.Backend.Conv2d(x, weight, _bias?.Value, stride, (kernelSize - 1) / 2, 1, groups);
}
