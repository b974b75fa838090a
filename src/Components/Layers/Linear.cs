using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Layers;

/// <summary>y = x Wᵀ + b; W ~ N(0, 0.01²), b = 0 as torchvision's RegNet classifier init.</summary>
[Component]
public sealed partial class Linear(int inFeatures, int outFeatures, bool bias = true, double initStd = 0.01)
{
    [Parameter] private readonly Parameter weight = new([outFeatures, inFeatures], Init.Normal(0, initStd));
    [Parameter("bias")] private readonly Parameter? _bias = bias ? new([outFeatures], Init.Zeros) : null;

    /// <summary>[N, in] → [N, out].</summary>
    public Tensor Forward(Tensor x) => x.Backend.Linear(x, weight, _bias?.Value);
}
