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

    /// <summary>
    /// Activation checkpointing (Chen et al. 2016, "Training deep nets with sublinear memory cost"): y = segment(input)
    /// computed without keeping the segment's intermediates; backward recomputes the segment from the saved input (under
    /// the precision policy of the original call) and backpropagates through the recomputation, so gradients of the
    /// input and of every parameter the segment reads equal those of a plain call. The segment must be deterministic
    /// (no dropout or sampling) and return a new tensor; layers with running state skip their update while
    /// <see cref="IsRecomputing"/> is true. Without graph recording (no-grad) this is a plain call.
    /// </summary>
    Tensor Checkpoint(Func<Tensor, Tensor> segment, Tensor input);

    /// <summary>True while <see cref="Checkpoint"/> re-runs a segment during backward (running statistics must not update).</summary>
    bool IsRecomputing { get; }

    /// <summary>
    /// A node with a hand-written derivative (PyTorch's torch.autograd.Function): y = forward(x), computed without
    /// recording; in backward ∂L/∂x = backward(∂L/∂y), also computed without recording. Both must return new tensors.
    /// When x needs no gradient or recording is off, this is forward(x). Backends without custom nodes throw
    /// <see cref="NotSupportedException"/>.
    /// </summary>
    Tensor CustomFunction(Tensor input, Func<Tensor, Tensor> forward, Func<Tensor, Tensor> backward) =>
        throw new NotSupportedException($"{GetType().Name} has no custom autograd functions (CustomFunction)");
}
