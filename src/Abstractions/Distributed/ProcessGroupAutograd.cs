using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Distributed;

/// <summary>
/// Differentiable collectives (torch.distributed.nn.functional.all_reduce): y = Σ_ranks x with ∂L/∂x = Σ_ranks ∂L/∂y,
/// since every rank's loss L_r reads the same y and L = Σ_r L_r. Built on the backend's custom autograd node.
/// </summary>
public static class ProcessGroupAutograd
{
    /// <summary>y = Σ_ranks x (a new tensor; x itself is left alone); backward all-reduces the incoming gradient.</summary>
    public static Tensor AllReduceSumWithGradient(this IProcessGroup group, Tensor x)
    {
        if (group.Size == 1) return x;
        return x.Backend.CustomFunction(x, Sum, Sum);

        Tensor Sum(Tensor t)
        {
            var copy = t.Backend.MulScalar(t, 1.0);
            group.AllReduce(copy, ReduceOp.Sum);
            return copy;
        }
    }
}
