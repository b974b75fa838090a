using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends;

/// <summary>Reductions and normalised exponentials; reductions accumulate in at least float32.</summary>
public interface IReductionOps
{
    /// <summary>Σ over <paramref name="dims"/> (all dims when empty).</summary>
    Tensor Sum(Tensor a, ReadOnlySpan<long> dims = default, bool keepDim = false);

    /// <summary>Mean over <paramref name="dims"/> (all dims when empty).</summary>
    Tensor Mean(Tensor a, ReadOnlySpan<long> dims = default, bool keepDim = false);

    /// <summary>Maximum along one dim (values only).</summary>
    Tensor Max(Tensor a, long dim, bool keepDim = false);

    /// <summary>Index of the maximum along one dim (int64).</summary>
    Tensor ArgMax(Tensor a, long dim);

    /// <summary>softmax(a)_i = e^{a_i} / Σ_j e^{a_j} along <paramref name="dim"/>.</summary>
    Tensor Softmax(Tensor a, long dim);

    /// <summary>log softmax along <paramref name="dim"/>, computed stably.</summary>
    Tensor LogSoftmax(Tensor a, long dim);
}
