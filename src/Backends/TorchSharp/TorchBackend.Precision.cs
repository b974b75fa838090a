using Seer.Toolkit.Tensors;
using TorchSharp;
using static TorchSharp.torch;
using TT = TorchSharp.torch.Tensor;
using Tensor = Seer.Toolkit.Tensors.Tensor;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>The autocast-like cast policy (see <see cref="IPrecisionOps"/>): libtorch 2.10's CPU build has no autocast API in TorchSharp 0.107.</summary>
public sealed partial class TorchBackend
{
    // null: no policy. Set and read on the thread that drives this backend (forward, and backward's recomputation).
    private ScalarType? _compute;

    /// <inheritdoc />
    public DType? ComputeDType => _compute is { } c ? TorchTypes.FromTorch(c) : null;

    /// <inheritdoc />
    public IDisposable Autocast(DType dtype)
    {
        if (dtype is not (DType.BFloat16 or DType.Float16 or DType.Float32))
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "autocast computes in BFloat16 or Float16 (Float32 switches the policy off)");
        var previous = _compute;
        _compute = dtype == DType.Float32 ? null : TorchTypes.ToTorch(dtype);
        return new PolicyRegion(this, previous);
    }

    /// <summary>Lower-precision ops: float32 operands are cast to the compute dtype (float64 and integers are left alone).</summary>
    private TT Low(TT x) =>
        _compute is { } c && x.dtype != c && x.dtype is ScalarType.Float32 or ScalarType.BFloat16 or ScalarType.Float16 ? x.to(c) : x;

    private TT? LowOrNull(TT? x) => x is null ? null : Low(x);

    /// <summary>Float32 ops: half operands are promoted to float32 while a policy is active.</summary>
    private TT Up(TT x) =>
        _compute is not null && x.dtype is ScalarType.BFloat16 or ScalarType.Float16 ? x.to(ScalarType.Float32) : x;

    private TT Up(Tensor t) => Up(N(t));

    /// <summary>Restores the enclosing policy once.</summary>
    private sealed class PolicyRegion(TorchBackend backend, ScalarType? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            backend._compute = previous;
        }
    }
}
