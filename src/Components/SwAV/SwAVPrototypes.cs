using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>
/// SwAV prototypes C (Caron et al. 2020, §3.1): a bias-free linear map, scores = z · Cᵀ, with C ∈ ℝ^{K×D} kept on the
/// unit sphere by <see cref="Normalize"/> after every optimizer step.
/// </summary>
[Component("prototypes")]
public sealed partial class SwAVPrototypes(int embeddingDim, int count)
{
    [Parameter] private readonly Parameter weight = new([count, embeddingDim], new UnitRowsInit(embeddingDim));

    /// <summary>The prototype matrix C [K, D].</summary>
    public Parameter Weight => weight;

    /// <summary>Number of prototypes K.</summary>
    public int Count => count;

    /// <summary>[N, D] → scores [N, K].</summary>
    public Tensor Forward(Tensor z) => z.Backend.Linear(z, weight, null);

    /// <summary>In place, no grad: c_k ← c_k / max(‖c_k‖₂, 1e-12) for every row.</summary>
    public void Normalize()
    {
        var w = weight.Value;
        var backend = w.Backend;
        using var noGrad = backend.NoGrad();
        using var scope = backend.NewScope();
        backend.CopyInPlace(w, backend.L2Normalize(w, 1));
    }

    /// <summary>Zeroes ∂L/∂C when <paramref name="iteration"/> &lt; <paramref name="freezeIterations"/> (swav freeze_prototypes_niters); true when it did.</summary>
    public bool FreezeGradient(long iteration, long freezeIterations)
    {
        if (iteration >= freezeIterations) return false;
        weight.Value.Backend.ZeroGrad(weight.Value);
        return true;
    }
}
