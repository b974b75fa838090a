using TorchSharp;
using Tensor = Seer.Toolkit.Tensors.Tensor;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>Hand-written derivatives on TorchSharp's custom autograd functions (<c>torch.autograd.SingleTensorFunction</c>).</summary>
public sealed partial class TorchBackend
{
    /// <inheritdoc />
    public Tensor CustomFunction(Tensor input, Func<Tensor, Tensor> forward, Func<Tensor, Tensor> backward)
    {
        var x = N(input);
        if (!torch.is_grad_enabled() || !x.requires_grad) return forward(input);
        return W(global::Seer.Toolkit.Backends.TorchSharp.CustomFunction.apply(x, new CustomNode(this, forward, backward)));
    }
}
