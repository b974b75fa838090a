using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends;

/// <summary>Matrix products and norms.</summary>
public interface ILinearAlgebraOps
{
    /// <summary>Batched matrix product with broadcasting over leading dims.</summary>
    Tensor MatMul(Tensor a, Tensor b);

    /// <summary>Swaps two dims.</summary>
    Tensor Transpose(Tensor a, long dim0, long dim1);

    /// <summary>x / max(‖x‖₂, eps) along <paramref name="dim"/>.</summary>
    Tensor L2Normalize(Tensor a, long dim, double eps = 1e-12);
}
