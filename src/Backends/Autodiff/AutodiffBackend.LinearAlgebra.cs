using Seer.Toolkit.Tensors;
using static Seer.Toolkit.Backends.Autodiff.GradientShapes;

namespace Seer.Toolkit.Backends.Autodiff;

/// <summary>Matrix products and L2 normalisation with their vector-Jacobian products.</summary>
public sealed partial class AutodiffBackend
{
    /// <summary>
    /// ∂(A·B) = (G·Bᵀ, Aᵀ·G), each summed over the batch dims its operand was broadcast along; 1-D operands are treated as a
    /// row [1, K] or a column [K, 1] and the gradient reshaped back.
    /// </summary>
    public Tensor MatMul(Tensor a, Tensor b)
    {
        var (x, z) = (U(a), U(b));
        var (sa, sb) = (x.Shape, z.Shape);
        var y = _inner.MatMul(x, z);
        return Record(nameof(MatMul), y, [a, b], (g, n) =>
        {
            var a2 = sa.Length == 1 ? _inner.Reshape(x, [1, sa[0]]) : x;
            var b2 = sb.Length == 1 ? _inner.Reshape(z, [sb[0], 1]) : z;
            var gShape = new List<long>(g.Shape);
            if (sa.Length == 1) gShape.Insert(gShape.Count - (sb.Length == 1 ? 0 : 1), 1);
            if (sb.Length == 1) gShape.Add(1);
            var g2 = _inner.Reshape(g, [.. gShape]);
            Tensor? ga = null, gb = null;
            if (n[0]) ga = _inner.Reshape(SumTo(_inner, _inner.MatMul(g2, _inner.Transpose(b2, -1, -2)), a2.Shape), sa);
            if (n[1]) gb = _inner.Reshape(SumTo(_inner, _inner.MatMul(_inner.Transpose(a2, -1, -2), g2), b2.Shape), sb);
            return [ga, gb];
        });
    }

    /// <summary>∂(x Wᵀ + b) = (G·W, Gᵀ·X, Σ_rows G) over the rows of x flattened to [R, in].</summary>
    public Tensor Linear(Tensor input, Tensor weight, Tensor? bias)
    {
        var (x, w) = (U(input), U(weight));
        var b = bias is null ? null : U(bias);
        var y = _inner.Linear(x, w, b);
        long inFeatures = w.Shape[1], outFeatures = w.Shape[0];
        return Record(nameof(Linear), y, [input, weight, bias], (g, n) =>
        {
            var g2 = _inner.Reshape(g, [-1, outFeatures]);                                          // [R, out]
            return
            [
                n[0] ? _inner.MatMul(g, w) : null,                                                  // [..., in]
                n[1] ? _inner.MatMul(_inner.Transpose(g2, 0, 1), _inner.Reshape(x, [-1, inFeatures])) : null,   // [out, in]
                n[2] ? _inner.Sum(g2, [0]) : null,                                                  // [out]
            ];
        });
    }

    /// <summary>∂(x / ‖x‖) = (g − y ⊙ Σ_dim g ⊙ y) / ‖x‖ (exact where ‖x‖ &gt; eps).</summary>
    public Tensor L2Normalize(Tensor a, long dim, double eps = 1e-12)
    {
        var x = U(a);
        var y = _inner.L2Normalize(x, dim, eps);
        return Record(nameof(L2Normalize), y, [a], (g, _) =>
        {
            var norm = _inner.Sqrt(_inner.Sum(_inner.Mul(x, x), [dim], keepDim: true));
            var radial = _inner.Mul(y, _inner.Sum(_inner.Mul(g, y), [dim], keepDim: true));
            return [_inner.Div(_inner.Sub(g, radial), norm)];
        });
    }
}
