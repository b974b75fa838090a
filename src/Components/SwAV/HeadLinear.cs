using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>y = x Wᵀ + b with PyTorch's default nn.Linear init (W, b ~ U(±1/√in)), as the SwAV/VISSL heads keep it.</summary>
[Component]
public sealed partial class HeadLinear(int inFeatures, int outFeatures, bool bias = true)
{
    [Parameter] private readonly Parameter weight = new([outFeatures, inFeatures], Init.DefaultBias(inFeatures));
    [Parameter("bias")] private readonly Parameter? _bias = bias ? new([outFeatures], Init.DefaultBias(inFeatures)) : null;

    /// <summary>[N, in] → [N, out].</summary>
    public Tensor Forward(Tensor x) => x.Backend.Linear(x, weight, _bias?.Value);
}
