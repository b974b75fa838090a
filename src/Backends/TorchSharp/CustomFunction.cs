using static TorchSharp.torch;
using static TorchSharp.torch.autograd;
using TT = TorchSharp.torch.Tensor;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>
/// The autograd node of <see cref="TorchBackend.CustomFunction"/> (TorchSharp's custom-function API, PyTorch's
/// torch.autograd.Function): forward y = f(x), backward ∂L/∂x = b(∂L/∂y). Arguments: the input, the <see cref="CustomNode"/>.
/// </summary>
internal sealed class CustomFunction : SingleTensorFunction<CustomFunction>
{
    private const string NodeKey = "node";

    /// <inheritdoc />
    public override string Name => "SeerCustomFunction";

    /// <inheritdoc />
    public override TT forward(AutogradContext ctx, params object[] vars)
    {
        var node = (CustomNode)vars[^1];
        ctx.save_data(NodeKey, node);
        return node.Forward((TT)vars[0]);
    }

    /// <inheritdoc />
    public override List<TT> backward(AutogradContext ctx, TT grad_output)
    {
        var node = (CustomNode)ctx.get_data(NodeKey);
        var inputGrad = node.Backward(grad_output);
        grad_output.Dispose();
        return [inputGrad, null!];                 // the input's gradient, none for the node object
    }
}
