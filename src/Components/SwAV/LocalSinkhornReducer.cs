using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>One process: every all-reduce is the identity and the global batch is the local one.</summary>
public sealed class LocalSinkhornReducer : ISinkhornReducer
{
    /// <summary>The shared instance.</summary>
    public static LocalSinkhornReducer Instance { get; } = new();

    /// <inheritdoc />
    public void AllReduceSum(Tensor t) { }

    /// <inheritdoc />
    public void AllReduceMax(Tensor t) { }

    /// <inheritdoc />
    public long GlobalBatchSize(long localBatchSize) => localBatchSize;
}
