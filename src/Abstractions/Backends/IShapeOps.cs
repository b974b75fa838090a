using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends;

/// <summary>Views, reshapes and joins.</summary>
public interface IShapeOps
{
    /// <summary>Same elements, new shape (−1 infers one dim).</summary>
    Tensor Reshape(Tensor a, ReadOnlySpan<long> shape);

    /// <summary>Reorders dims.</summary>
    Tensor Permute(Tensor a, ReadOnlySpan<long> dims);

    /// <summary>Flattens dims start..end into one.</summary>
    Tensor Flatten(Tensor a, long startDim = 0, long endDim = -1);

    /// <summary>Concatenates along <paramref name="dim"/>.</summary>
    Tensor Cat(IReadOnlyList<Tensor> tensors, long dim);

    /// <summary>Elements [start, start+length) along <paramref name="dim"/>.</summary>
    Tensor Narrow(Tensor a, long dim, long start, long length);
}
