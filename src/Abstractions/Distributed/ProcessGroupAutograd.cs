using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Distributed;

/// <summary>
/// Differentiable collectives (torch.distributed.nn.functional): every rank's loss L_r reads the same collective result y
/// and L = Σ_r L_r, so ∂L/∂x sums the incoming gradients over ranks. Built on the backend's custom autograd node.
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

    /// <summary>
    /// y = [x_0; …; x_{W−1}] ([W, …x's shape], rank order); backward: ∂L/∂x_r = (Σ_ranks ∂L/∂y)[r], one all-reduce of the
    /// whole gathered gradient, then this rank's row.
    /// </summary>
    public static Tensor AllGatherWithGradient(this IProcessGroup group, Tensor x)
    {
        var backend = x.Backend;
        var shape = x.Shape;
        return backend.CustomFunction(x, group.AllGather, g =>
        {
            var summed = backend.MulScalar(g, 1.0);
            group.AllReduce(summed, ReduceOp.Sum);
            return backend.Reshape(backend.Narrow(summed, 0, group.Rank, 1), shape);
        });
    }
}
