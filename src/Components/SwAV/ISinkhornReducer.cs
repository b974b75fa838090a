using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>
/// The collectives distributed Sinkhorn-Knopp needs (swav distributed_sinkhorn): in-place all-reduce of sums and of
/// the max, and the batch size summed over ranks. A single process implements all of them as identities.
/// </summary>
public interface ISinkhornReducer
{
    /// <summary>In place: t ← Σ_ranks t.</summary>
    void AllReduceSum(Tensor t);

    /// <summary>In place: t ← max_ranks t.</summary>
    void AllReduceMax(Tensor t);

    /// <summary>Σ_ranks of the local number of samples (B in the paper).</summary>
    long GlobalBatchSize(long localBatchSize);
}
