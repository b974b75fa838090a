using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>
/// SwAV head (Caron et al. 2020; VISSL swav_head): projection MLP, z = h / ‖h‖₂, scores = z · Cᵀ against K unit-norm
/// prototypes. State names follow VISSL: "projection_head.0.weight", ..., "prototypes0.weight".
/// </summary>
[Component("swav_head")]
public sealed partial class SwAVHead(int[] dims, int numPrototypes, bool batchNorm = false, bool bias = true)
{
    [Child("projection_head")] private readonly ProjectionHead projection = new(dims, batchNorm, bias);
    [Child("prototypes0")] private readonly SwAVPrototypes prototypes = new(dims[^1], numPrototypes);

    /// <summary>SEER (Goyal et al. 2021): trunk → 8192 → 8192 → 256 without BN, 16k prototypes.</summary>
    public static SwAVHead Seer(int trunkWidth, int numPrototypes = 16000) => new([trunkWidth, 8192, 8192, 256], numPrototypes);

    /// <summary>swav ResNet-50 (main_swav.py): 2048 → 2048 → 128 with BN1d + ReLU, 3000 prototypes.</summary>
    public static SwAVHead Swav(int trunkWidth = 2048, int hidden = 2048, int embeddingDim = 128, int numPrototypes = 3000) =>
        new([trunkWidth, hidden, embeddingDim], numPrototypes, batchNorm: true);

    /// <summary>The prototype layer C.</summary>
    public SwAVPrototypes Prototypes => prototypes;

    /// <summary>Embedding width D.</summary>
    public int EmbeddingDim => dims[^1];

    /// <summary>Number of prototypes K.</summary>
    public int NumPrototypes => numPrototypes;

    /// <summary>Pooled trunk features [N, d₀] → scores [N, K].</summary>
    public Tensor Forward(Tensor x) => ForwardWithEmbeddings(x).Scores;

    /// <summary>Pooled trunk features [N, d₀] → (z [N, D], scores [N, K]).</summary>
    public SwAVHeadOutput ForwardWithEmbeddings(Tensor x)
    {
        var h = projection.Forward(x);                // [N, D]
        var z = x.Backend.L2Normalize(h, 1);          // [N, D], unit rows
        return new SwAVHeadOutput(z, prototypes.Forward(z));   // scores [N, K]
    }

    /// <summary>Re-normalises every prototype to unit norm, in place under no-grad (call after each optimizer step).</summary>
    public void NormalizePrototypes() => prototypes.Normalize();

    /// <summary>
    /// Zeroes the prototype gradient while <paramref name="iteration"/> &lt; <paramref name="freezeIterations"/>; true when it did.
    /// Under LARS a zero gradient is neither adapted nor decayed (LARC), so C stays put as with swav's p.grad = None.
    /// </summary>
    public bool FreezePrototypes(long iteration, long freezeIterations) => prototypes.FreezeGradient(iteration, freezeIterations);
}
