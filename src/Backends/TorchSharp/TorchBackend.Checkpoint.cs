using TorchSharp;
using static TorchSharp.torch;
using Tensor = Seer.Toolkit.Tensors.Tensor;
using TT = TorchSharp.torch.Tensor;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>Activation checkpointing on TorchSharp's custom autograd functions (TorchSharp 0.107 has no torch.utils.checkpoint).</summary>
public sealed partial class TorchBackend
{
    private int _recomputing;
    private TT? _gradAnchor;
    private readonly List<TT> _releaseAfterBackward = [];

    /// <inheritdoc />
    public bool IsRecomputing => _recomputing > 0;

    /// <inheritdoc />
    public Tensor Checkpoint(Func<Tensor, Tensor> segment, Tensor input)
    {
        if (!torch.is_grad_enabled()) return segment(input);
        var x = N(input);
        var call = new CheckpointedSegment(this, segment, _compute);
        // The node is only recorded when an input requires grad; an input that does not (an image) gets a constant
        // anchor beside it, so the parameters inside the segment still receive their gradients.
        object[] args = x.requires_grad ? [x, call] : [x, GradAnchor(), call];
        return W(CheckpointFunction.apply(args));
    }

    private TT GradAnchor()
    {
        if (_gradAnchor is null)
        {
            _gradAnchor = torch.zeros(1, ScalarType.Float32, _device).requires_grad_(true);
            _gradAnchor.DetachFromDisposeScope();
        }
        return _gradAnchor;
    }

    /// <summary>Marks a recomputation (running statistics frozen) under the policy of the original forward, until disposed.</summary>
    internal IDisposable EnterRecompute(ScalarType? compute)
    {
        var previous = _compute;
        _compute = compute;
        _recomputing++;
        return new RecomputeRegion(this, previous);
    }

    /// <summary>
    /// Keeps a gradient handed to libtorch from a checkpoint's backward alive until the whole backward returns (the engine
    /// copies the tensor reference after the callback; its managed handle is released in <see cref="Backward"/>).
    /// </summary>
    internal void ReleaseAfterBackward(TT t) => _releaseAfterBackward.Add(t);

    private void ReleaseCheckpointGradients()
    {
        foreach (var t in _releaseAfterBackward) t.Dispose();
        _releaseAfterBackward.Clear();
    }

    private sealed class RecomputeRegion(TorchBackend backend, ScalarType? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            backend._recomputing--;
            backend._compute = previous;
        }
    }
}
