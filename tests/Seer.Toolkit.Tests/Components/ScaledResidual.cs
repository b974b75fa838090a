using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Layers;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.Components;

/// <summary>
/// A block a library author might add: y = x + α ⊙ BN(conv(x)). Declared here, outside the toolkit's assemblies,
/// with no hand-written registration: everything but Forward comes from the generator.
/// </summary>
[Component("scaled_residual")]
public sealed partial class ScaledResidual(int channels, double initialScale = 0.5, string label = "res")
{
    [Child("conv")] private readonly Conv2d _conv = new(channels, channels, 3);
    [Child] private readonly BatchNorm2d norm = new(channels);
    [Parameter("alpha")] private readonly Parameter _alpha = new([1, channels, 1, 1], Init.Constant(initialScale));
    [Buffer] private readonly StateBuffer calls = new([], Init.Zeros);

    /// <summary>The label hyperparameter (checks string binding).</summary>
    public string Label => label;

    /// <summary>[N, C, H, W] → [N, C, H, W].</summary>
    public Tensor Forward(Tensor x) => x + _alpha.Value * norm.Forward(_conv.Forward(x));
}
