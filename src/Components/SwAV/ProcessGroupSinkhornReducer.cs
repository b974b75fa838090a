using Seer.Toolkit.Distributed;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>
/// Distributed Sinkhorn-Knopp collectives over a process group (swav distributed_sinkhorn): the max and the sums are
/// all-reduced across ranks and B = Σ_ranks B_r, so every rank gets the assignments of its samples in the global batch.
/// </summary>
public sealed class ProcessGroupSinkhornReducer(IProcessGroup group) : ISinkhornReducer
{
    /// <summary>The group the batch is split over.</summary>
    public IProcessGroup Group { get; } = group;

    /// <inheritdoc />
    public void AllReduceSum(Tensor t) => Group.AllReduce(t, ReduceOp.Sum);

    /// <inheritdoc />
    public void AllReduceMax(Tensor t) => Group.AllReduce(t, ReduceOp.Max);

    /// <inheritdoc />
    public long GlobalBatchSize(long localBatchSize)
    {
        Span<long> n = [localBatchSize];
        Group.AllReduce(n, ReduceOp.Sum);
        return n[0];
    }
}
