using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>
/// Equipartitioned soft assignments (Caron et al. 2020, §3.1, Eq. 3; swav distributed_sinkhorn): Q = exp(S/ε − M)ᵀ,
/// Q /= ΣQ, then n times rows Q /= Q·1 / K and columns Q /= 1ᵀQ / B; returns (B·Q)ᵀ. Rows of the result sum to 1 and its
/// columns approach B/K. Computed in float32 under no-grad; sums and the max M go through <see cref="ISinkhornReducer"/>.
/// </summary>
public sealed class SinkhornKnopp
{
    private readonly ISinkhornReducer _reducer;

    /// <summary>Configures the iteration.</summary>
    /// <param name="epsilon">Entropic regularisation ε (swav 0.05, SEER 0.03).</param>
    /// <param name="iterations">Number of row + column normalisations (3 in swav, up to 10 in SEER).</param>
    /// <param name="reducer">Collectives; null for a single process.</param>
    /// <param name="subtractMax">Subtract the global max of S/ε before exp (VISSL), so large S/ε cannot overflow.</param>
    public SinkhornKnopp(double epsilon = 0.05, int iterations = 3, ISinkhornReducer? reducer = null, bool subtractMax = true)
    {
        if (!(epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be positive");
        if (iterations < 0) throw new ArgumentOutOfRangeException(nameof(iterations), iterations, "iterations must be non-negative");
        Epsilon = epsilon;
        Iterations = iterations;
        SubtractMax = subtractMax;
        _reducer = reducer ?? LocalSinkhornReducer.Instance;
    }

    /// <summary>ε.</summary>
    public double Epsilon { get; }

    /// <summary>Number of iterations.</summary>
    public int Iterations { get; }

    /// <summary>True when the global max is subtracted before exp.</summary>
    public bool SubtractMax { get; }

    /// <summary>Scores [B, K] → assignments [B, K] (float32, detached).</summary>
    public Tensor Assign(Tensor scores)
    {
        if (scores.Rank != 2) throw new ArgumentException($"Sinkhorn-Knopp expects scores [B, K], got {scores.ShapeText}", nameof(scores));
        var backend = scores.Backend;
        using var noGrad = backend.NoGrad();
        using var scope = backend.NewScope();

        var logits = backend.Cast(backend.Detach(scores), DType.Float32) * (1 / Epsilon);   // [B, K] S/ε
        if (SubtractMax)
        {
            var max = backend.Max(backend.Flatten(logits), 0);                             // [] max S/ε
            _reducer.AllReduceMax(max);
            logits = Replace(logits, logits - max);
        }
        var q = backend.Transpose(backend.Exp(logits), 0, 1);                               // [K, B]
        logits.Dispose();
        long k = q.Shape[0];
        long b = _reducer.GlobalBatchSize(q.Shape[1]);

        var total = backend.Sum(q);                                                        // []
        _reducer.AllReduceSum(total);
        q = Replace(q, q / total);
        for (int it = 0; it < Iterations; it++)
        {
            var rows = backend.Sum(q, [1], keepDim: true);                                 // [K, 1] weight per prototype
            _reducer.AllReduceSum(rows);
            q = Replace(q, q / rows);
            q = Replace(q, q / k);                                                          // rows sum to 1/K
            var cols = backend.Sum(q, [0], keepDim: true);                                 // [1, B] weight per sample
            q = Replace(q, q / cols);
            q = Replace(q, q / b);                                                          // columns sum to 1/B
        }
        q = Replace(q, q * b);                                                              // columns sum to 1
        return backend.Keep(backend.Transpose(q, 0, 1));                                   // [B, K]
    }

    /// <summary>Releases a superseded intermediate at once (large K×B matrices), returning its successor.</summary>
    private static Tensor Replace(Tensor old, Tensor next)
    {
        old.Dispose();
        return next;
    }
}
