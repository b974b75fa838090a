using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>What the SwAV head produces: L2-normalised embeddings z [N, D] and prototype scores z·Cᵀ [N, K].</summary>
public readonly record struct SwAVHeadOutput(Tensor Embeddings, Tensor Scores);
