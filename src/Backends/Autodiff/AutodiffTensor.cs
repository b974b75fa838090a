using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Autodiff;

/// <summary>
/// A tensor of the decorated backend: the inner backend's tensor plus its place on the tape (the node that produced it,
/// null for leaves) and, for leaves that require gradients, the accumulated gradient (an inner tensor).
/// </summary>
public sealed class AutodiffTensor : Tensor
{
    private readonly AutodiffBackend _backend;
    private AutodiffTensor? _gradView;

    internal AutodiffTensor(AutodiffBackend backend, Tensor inner, TapeNode? node, long sequence)
    {
        _backend = backend;
        Inner = inner;
        Node = node;
        Sequence = sequence;
        RequiresGradient = node is not null;
    }

    /// <summary>The inner backend's tensor holding the values.</summary>
    public Tensor Inner { get; }

    /// <summary>The tape node that produced this tensor (null for leaves and for tensors made without recording).</summary>
    internal TapeNode? Node { get; set; }

    /// <summary>Creation order on the tape: every consumer of a tensor has a larger number.</summary>
    internal long Sequence { get; }

    /// <summary>True when gradients flow into this tensor.</summary>
    internal bool RequiresGradient { get; set; }

    /// <summary>The accumulated ∂L/∂leaf (inner tensor, owned by this leaf), or null before any backward.</summary>
    internal Tensor? GradInner { get; set; }

    /// <summary>The gradient as a tensor of this backend (one wrapper per gradient buffer).</summary>
    internal Tensor? GradView()
    {
        if (GradInner is null) return null;
        if (_gradView is null || !ReferenceEquals(_gradView.Inner, GradInner)) _gradView = new AutodiffTensor(_backend, GradInner, null, 0);
        return _gradView;
    }

    /// <inheritdoc />
    public override IBackend Backend => _backend;

    /// <inheritdoc />
    public override long[] Shape => Inner.Shape;

    /// <inheritdoc />
    public override DType DType => Inner.DType;

    /// <inheritdoc />
    public override Device Device => Inner.Device;

    /// <summary>Releases the inner tensor (the gradient of a leaf stays with the leaf's owner until <see cref="AutodiffBackend.ReleaseGrad"/>).</summary>
    public override void Dispose() => Inner.Dispose();
}
