using TorchSharp;
using Tensor = Seer.Toolkit.Tensors.Tensor;
using TT = TorchSharp.torch.Tensor;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>One call of <see cref="TorchBackend.CustomFunction"/>: the forward and backward maps over backend tensors.</summary>
internal sealed class CustomNode(TorchBackend backend, Func<Tensor, Tensor> forward, Func<Tensor, Tensor> backward)
{
    /// <summary>y = f(x) without recording; intermediates are released before returning.</summary>
    public TT Forward(TT input)
    {
        using var scope = torch.NewDisposeScope();
        return Apply(forward, input).MoveToOuterDisposeScope();
    }

    /// <summary>∂L/∂x = b(∂L/∂y) without recording; kept alive until the whole backward returns.</summary>
    public TT Backward(TT gradOutput)
    {
        TT inputGrad;
        using (torch.NewDisposeScope())
            inputGrad = Apply(backward, gradOutput).DetachFromDisposeScope();
        backend.ReleaseAfterBackward(inputGrad);
        return inputGrad;
    }

    private TT Apply(Func<Tensor, Tensor> map, TT input)
    {
        using var noGrad = torch.no_grad();
        var output = TorchBackend.N(map(new TorchTensor(backend, input)));
        if (output.Handle == input.Handle)
            throw new InvalidOperationException("a custom function must compute a new tensor, not return its input");
        return output;
    }
}
