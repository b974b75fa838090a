using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Layers;

/// <summary>Squeeze-and-excitation (Hu et al. 2018): x · σ(W₂ ReLU(W₁ GAP(x) + b₁) + b₂).</summary>
[Component]
public sealed partial class SqueezeExcitation(int channels, int squeezeChannels)
{
    [Child] private readonly Conv2d fc1 = new(channels, squeezeChannels, 1, bias: true);
    [Child] private readonly Conv2d fc2 = new(squeezeChannels, channels, 1, bias: true);

    /// <summary>[N, C, H, W] → [N, C, H, W].</summary>
    public Tensor Forward(Tensor x)
    {
        var s = x.Backend.GlobalAveragePool2d(x);          // [N, C, 1, 1]
        var scale = fc2.Forward(fc1.Forward(s).Relu()).Sigmoid();
        return x * scale;
    }
}
