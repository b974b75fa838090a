using Seer.Toolkit.Distributed;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Layers;

/// <summary>
/// Training-mode batch norm with statistics over every rank of a group (SyncBatchNorm; SEER: groups of 64):
/// n = Σ_ranks N·H·W, μ = Σ_r n_r μ_r / n, σ² = Σ_r n_r (σ_r² + (μ_r − μ)²) / n (Chan et al.'s pairwise combination of
/// each rank's own mean and biased variance), y = γ(x − μ)/√(σ² + ε) + β; running buffers get μ and the unbiased
/// σ²·n/(n − 1) with momentum, as PyTorch's BatchNorm.
/// </summary>
/// <remarks>
/// As PyTorch's SyncBatchNorm: each rank computes its per-channel (μ_r, σ_r²) in float32 about a detached shift K (its own
/// mean: Σ(x − K) ≈ 0, so Σ(x − K)² − (Σ(x − K))²/n_r keeps float32 precision even far from zero), the ranks all-gather
/// (μ_r, σ_r², n_r) as one float64 message per layer, and every rank combines them in float64 in the deviation form above.
/// The output is (x − K)·s + (β − (μ − K)·s), s = γ/√(σ² + ε). The all-gather is differentiable
/// (<see cref="ProcessGroupAutograd.AllGatherWithGradient"/>): backward all-reduces the gradients of the gathered
/// statistics, so every rank's input gradient includes what its samples contribute to the other ranks' outputs through
/// μ and σ². One collective each way per layer: every one is a point where all ranks wait for each other. The output
/// has the input's dtype (normalisation in float32 for half-precision inputs).
/// </remarks>
public static class SyncBatchNorm
{
    /// <summary>[N, C] or [N, C, H, W] → the same shape, normalised with the group's statistics.</summary>
    public static Tensor Forward(IProcessGroup group, Tensor x, Tensor weight, Tensor bias, Tensor? runningMean, Tensor? runningVar,
        double momentum, double eps)
    {
        if (x.Rank is not (2 or 4)) throw new ArgumentException($"batch norm expects [N, C] or [N, C, H, W], got {x.ShapeText}", nameof(x));
        var backend = x.Backend;
        long c = x.Shape[1];
        long[] dims = x.Rank == 2 ? [0] : [0, 2, 3];
        long[] channelShape = x.Rank == 2 ? [1, c] : [1, c, 1, 1];
        long localCount = x.Shape[0] * (x.Rank == 2 ? 1 : x.Shape[2] * x.Shape[3]);
        var xs = x.DType is DType.Float64 or DType.Float32 ? x : backend.Cast(x, DType.Float32);         // [N, C, (H, W)]

        // local moments about a per-channel shift K (this rank's mean, detached): Σ(x − K) ≈ 0, so M2 = Σ(x − K)² − (Σ(x − K))²/n_r
        // keeps float32 precision; K is a constant to autograd, and μ_r, M2_r do not depend on it
        var shiftK = backend.Detach(backend.Mean(xs, dims, keepDim: true));                              // [1, C, (1, 1)]
        var centered = xs - shiftK;                                                                       // [N, C, (H, W)]
        var s1 = backend.Cast(backend.Sum(centered, dims), DType.Float64);                                // [C] Σ(x − K)
        var s2 = backend.Cast(backend.Sum(centered * centered, dims), DType.Float64);                     // [C] Σ(x − K)²
        var k64 = backend.Cast(backend.Reshape(shiftK, [c]), DType.Float64);
        var localMean = k64 + s1 * (1.0 / localCount);                                                    // [C] μ_r
        var localVariance = (s2 - s1 * s1 * (1.0 / localCount)) * (1.0 / localCount);                     // [C] σ_r² (biased)
        var stats = backend.Cat([localMean, localVariance, backend.Full([1], localCount, DType.Float64)], 0);   // [2C + 1] μ_r, σ_r², n_r
        var gathered = group.AllGatherWithGradient(stats);                                                // [W, 2C + 1]
        var counts = backend.Narrow(gathered, 1, 2 * c, 1);                                               // [W, 1]
        double n = backend.Sum(counts).Item();                                                            // Σ_ranks N·H·W
        var means = backend.Narrow(gathered, 1, 0, c);                                                    // [W, C]
        var mean64 = backend.Sum(means * counts, [0]) * (1 / n);                                          // [C]
        var deviation = means - mean64;                                                                   // [W, C] μ_r − μ
        var spread = backend.Narrow(gathered, 1, c, c) + deviation * deviation;                           // [W, C] σ_r² + (μ_r − μ)²
        var variance64 = backend.Sum(spread * counts, [0]) * (1 / n);                                     // [C] biased
        var mean = backend.Cast(mean64, xs.DType);
        var variance = backend.Cast(variance64, xs.DType);
        var scale = backend.Cast(weight, xs.DType) * backend.Pow(backend.AddScalar(variance, eps), -0.5); // [C] γ/σ
        var offset = backend.Cast(bias, xs.DType) - backend.Cast(mean64 - k64, xs.DType) * scale;         // [C] β − (μ − K)·γ/σ
        var y = centered * backend.Reshape(scale, channelShape) + backend.Reshape(offset, channelShape);   // [N, C, (H, W)]

        if (runningMean is not null && runningVar is not null)
        {
            using var noGrad = backend.NoGrad();
            Blend(runningMean, backend.Detach(mean), momentum);
            Blend(runningVar, backend.Detach(variance) * (n / Math.Max(1, n - 1)), momentum);
        }
        return y.DType == x.DType ? y : backend.Cast(y, x.DType);
    }

    private static void Blend(Tensor running, Tensor value, double momentum)
    {
        var backend = running.Backend;
        backend.MulScalarInPlace(running, 1 - momentum);
        backend.AddInPlace(running, backend.Cast(value, running.DType), momentum);
    }
}
