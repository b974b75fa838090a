using TorchSharp;
using static TorchSharp.torch;
using Tensor = Seer.Toolkit.Tensors.Tensor;
using TT = TorchSharp.torch.Tensor;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>
/// One call of <see cref="TorchBackend.Checkpoint"/>: the segment, and the precision policy it ran under, so that the
/// recomputation in backward repeats the forward exactly.
/// </summary>
internal sealed class CheckpointedSegment(TorchBackend backend, Func<Tensor, Tensor> segment, ScalarType? compute)
{
    /// <summary>No-grad forward (the caller disabled recording); intermediates are released before returning.</summary>
    public TT Forward(TT input)
    {
        using var scope = torch.NewDisposeScope();
        var output = TorchBackend.N(segment(new TorchTensor(backend, input)));
        if (output.Handle == input.Handle)
            throw new InvalidOperationException("a checkpointed segment must compute a new tensor, not return its input");
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Recomputes y = segment(x) with grad enabled from a detached copy of the saved input, backpropagates
    /// <paramref name="gradOutput"/> through it (parameter gradients accumulate as in a plain backward) and returns ∂L/∂x.
    /// </summary>
    public TT? Backward(TT savedInput, TT gradOutput)
    {
        TT? inputGrad;
        using (torch.NewDisposeScope())
        using (backend.EnterRecompute(compute))
        using (torch.enable_grad())
        {
            var x = savedInput.detach().requires_grad_(savedInput.requires_grad);
            var y = TorchBackend.N(segment(new TorchTensor(backend, x)));
            y.backward([gradOutput]);
            inputGrad = x.grad?.DetachFromDisposeScope();
        }
        if (inputGrad is not null) backend.ReleaseAfterBackward(inputGrad);
        return inputGrad;
    }
}
