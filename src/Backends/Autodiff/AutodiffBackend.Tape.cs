using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Autodiff;

/// <summary>
/// The tape: leaves, gradients, no-grad regions and the backward pass. Backward visits the tensors reachable from the
/// scalar in decreasing creation order (every consumer was created after what it consumes), so each tensor's gradient is
/// complete before its rule runs; gradients reaching a leaf accumulate into the leaf's own persistent buffer.
/// </summary>
public sealed partial class AutodiffBackend
{
    /// <summary>Marks a leaf (a tensor no recorded op produced) as requiring gradients.</summary>
    public void SetRequiresGrad(Tensor a, bool requiresGrad)
    {
        var t = A(a);
        if (t.Node is not null)
            throw new InvalidOperationException("autodiff: requires-grad can only be set on leaf tensors (use Detach first)");
        t.RequiresGradient = requiresGrad;
    }

    /// <inheritdoc />
    public bool RequiresGrad(Tensor a) => A(a).RequiresGradient;

    /// <summary>∂scalar/∂leaf accumulated into every reachable leaf that requires a gradient; the graph is released after.</summary>
    public void Backward(Tensor scalar)
    {
        var root = A(scalar);
        if (root.NumElements != 1) throw new ArgumentException($"Backward: expected a one-element tensor, got {root.ShapeText}");
        if (!root.RequiresGradient)
            throw new InvalidOperationException("Backward: the tensor does not require a gradient and has no recorded graph");

        var order = new List<AutodiffTensor>();
        var seen = new HashSet<AutodiffTensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<AutodiffTensor>();
        stack.Push(root);
        seen.Add(root);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            order.Add(t);
            if (t.Node is null) continue;
            if (t.Node.Rule is null)
                throw new InvalidOperationException($"Backward: the graph through {t.Node.Op} was already used by a backward pass");
            foreach (var p in t.Node.Inputs)
                if (p is not null && seen.Add(p)) stack.Push(p);
        }
        order.Sort((x, y) => y.Sequence.CompareTo(x.Sequence));

        var grads = new Dictionary<AutodiffTensor, Tensor>(ReferenceEqualityComparer.Instance)
        {
            [root] = _inner.Full(root.Shape, 1.0, root.DType),
        };
        using (NoGrad())
        {
            foreach (var t in order)
            {
                if (!grads.Remove(t, out var g)) continue;
                if (t.Node is null)
                {
                    AccumulateLeaf(t, g);
                    continue;
                }
                var node = t.Node;
                var needs = Array.ConvertAll(node.Inputs, p => p is not null);
                var inputGrads = node.Rule!(g, needs);
                for (int i = 0; i < node.Inputs.Length; i++)
                {
                    var p = node.Inputs[i];
                    if (p is null || inputGrads[i] is not { } gi) continue;
                    grads[p] = grads.TryGetValue(p, out var prev) ? _inner.Add(prev, gi) : gi;
                }
            }
        }
        foreach (var t in order)
            if (t.Node is not null) t.Node.Rule = null;
    }

    /// <summary>leaf.grad ← leaf.grad + g (a persistent copy on first use, so it never aliases a graph tensor).</summary>
    private void AccumulateLeaf(AutodiffTensor leaf, Tensor g)
    {
        if (leaf.GradInner is null) leaf.GradInner = _inner.Persist(_inner.MulScalar(g, 1.0));
        else _inner.AddInPlace(leaf.GradInner, g);
    }

    /// <summary>The accumulated gradient of a leaf, or null before any backward (and for non-leaves).</summary>
    public Tensor? Grad(Tensor a) => A(a).GradView();

    /// <summary>Sets the accumulated gradient to zeros (kept allocated, as the reference backend's zero_).</summary>
    public void ZeroGrad(Tensor a)
    {
        var g = A(a).GradInner;
        if (g is null) return;
        using var scope = _inner.NewScope();
        _inner.CopyInPlace(g, _inner.Zeros(g.Shape, g.DType));
    }

    /// <summary>Releases a leaf's gradient buffer (the next backward allocates a new one).</summary>
    public void ReleaseGrad(Tensor a)
    {
        var t = A(a);
        t.GradInner?.Dispose();
        t.GradInner = null;
    }

    /// <summary>The same inner tensor without a node (shares the values: disposing either releases both).</summary>
    public Tensor Detach(Tensor a) => Wrap(U(a));

    /// <inheritdoc />
    public IDisposable NoGrad()
    {
        Interlocked.Increment(ref _noGradDepth);
        return new NoGradRegion(this);
    }

    /// <summary>
    /// A plain call of the segment: the decorator keeps the segment's intermediates on the tape instead of recomputing
    /// them, so gradients are those of a plain call (as the contract requires) without the memory saving.
    /// </summary>
    public Tensor Checkpoint(Func<Tensor, Tensor> segment, Tensor input) => segment(input);

    /// <summary>Always false: segments are never recomputed.</summary>
    public bool IsRecomputing => false;

    /// <summary>y = forward(x) without recording; in backward ∂L/∂x = backward(∂L/∂y), also without recording.</summary>
    public Tensor CustomFunction(Tensor input, Func<Tensor, Tensor> forward, Func<Tensor, Tensor> backward)
    {
        Tensor y;
        using (NoGrad()) y = forward(input);
        return Record(nameof(CustomFunction), U(y), [input], (g, _) =>
        {
            using (NoGrad()) return [U(backward(Wrap(g)))];
        });
    }

    private sealed class NoGradRegion(AutodiffBackend backend) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0) Interlocked.Decrement(ref backend._noGradDepth);
        }
    }
}
