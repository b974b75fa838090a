using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends;

/// <summary>Reverse-mode differentiation.</summary>
public interface IAutogradOps
{
    /// <summary>Marks a leaf tensor as requiring gradients (or not).</summary>
    void SetRequiresGrad(Tensor a, bool requiresGrad);

    /// <summary>True when gradients flow into <paramref name="a"/>.</summary>
    bool RequiresGrad(Tensor a);

    /// <summary>Accumulates ∂scalar/∂leaf into every leaf's gradient.</summary>
    void Backward(Tensor scalar);

    /// <summary>The accumulated gradient of a leaf, or null before any backward.</summary>
    Tensor? Grad(Tensor a);

    /// <summary>Clears the accumulated gradient of a leaf.</summary>
    void ZeroGrad(Tensor a);

    /// <summary>The same values, cut from the graph.</summary>
    Tensor Detach(Tensor a);

    /// <summary>Disables graph recording until disposed.</summary>
    IDisposable NoGrad();
}
