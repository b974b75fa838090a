namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// Weighted k-nearest-neighbour classifier on frozen features (Wu et al. 2018 §3.4; DINO's kNN eval): cosine
/// similarity on L2-normalised features, the k most similar training images vote with weight exp(s / τ).
/// </summary>
public sealed record KnnOptions
{
    /// <summary>Neighbours per query (k = 20).</summary>
    public int K { get; init; } = 20;

    /// <summary>Vote temperature τ (0.07).</summary>
    public double Temperature { get; init; } = 0.07;

    /// <summary>Test rows scored per similarity block.</summary>
    public int BlockRows { get; init; } = 256;

    /// <summary>Checks ranges; the message names the key.</summary>
    public KnnOptions Validate()
    {
        if (K < 1) throw new ArgumentException($"k must be >= 1 (got {K})");
        if (!(Temperature > 0)) throw new ArgumentException($"temperature must be positive (got {Temperature})");
        if (BlockRows < 1) throw new ArgumentException($"block rows must be >= 1 (got {BlockRows})");
        return this;
    }
}
