using Seer.Toolkit.Tensors;
using static Seer.Toolkit.Backends.Autodiff.GradientShapes;

namespace Seer.Toolkit.Backends.Autodiff;

/// <summary>Elementwise ops and their vector-Jacobian products (broadcast operands receive gradients summed back to their shape).</summary>
public sealed partial class AutodiffBackend
{
    /// <summary>∂(a + b) = (g, g).</summary>
    public Tensor Add(Tensor a, Tensor b)
    {
        var (x, z) = (U(a), U(b));
        var (sa, sb) = (x.Shape, z.Shape);
        return Record(nameof(Add), _inner.Add(x, z), [a, b], (g, n) =>
            [n[0] ? SumTo(_inner, g, sa) : null, n[1] ? SumTo(_inner, g, sb) : null]);
    }

    /// <summary>∂(a − b) = (g, −g).</summary>
    public Tensor Sub(Tensor a, Tensor b)
    {
        var (x, z) = (U(a), U(b));
        var (sa, sb) = (x.Shape, z.Shape);
        return Record(nameof(Sub), _inner.Sub(x, z), [a, b], (g, n) =>
            [n[0] ? SumTo(_inner, g, sa) : null, n[1] ? SumTo(_inner, _inner.MulScalar(g, -1), sb) : null]);
    }

    /// <summary>∂(a ⊙ b) = (g ⊙ b, g ⊙ a).</summary>
    public Tensor Mul(Tensor a, Tensor b)
    {
        var (x, z) = (U(a), U(b));
        var (sa, sb) = (x.Shape, z.Shape);
        return Record(nameof(Mul), _inner.Mul(x, z), [a, b], (g, n) =>
            [n[0] ? SumTo(_inner, _inner.Mul(g, z), sa) : null, n[1] ? SumTo(_inner, _inner.Mul(g, x), sb) : null]);
    }

    /// <summary>∂(a ⊘ b) = (g ⊘ b, −g ⊙ y ⊘ b).</summary>
    public Tensor Div(Tensor a, Tensor b)
    {
        var (x, z) = (U(a), U(b));
        var (sa, sb) = (x.Shape, z.Shape);
        var y = _inner.Div(x, z);
        return Record(nameof(Div), y, [a, b], (g, n) =>
        [
            n[0] ? SumTo(_inner, _inner.Div(g, z), sa) : null,
            n[1] ? SumTo(_inner, _inner.MulScalar(_inner.Div(_inner.Mul(g, y), z), -1), sb) : null,
        ]);
    }

    /// <summary>∂(a + s) = g.</summary>
    public Tensor AddScalar(Tensor a, double s) => Record(nameof(AddScalar), _inner.AddScalar(U(a), s), [a], (g, _) => [g]);

    /// <summary>∂(a · s) = s·g.</summary>
    public Tensor MulScalar(Tensor a, double s) => Record(nameof(MulScalar), _inner.MulScalar(U(a), s), [a], (g, _) => [_inner.MulScalar(g, s)]);

    /// <summary>∂aᵖ = p·aᵖ⁻¹·g.</summary>
    public Tensor Pow(Tensor a, double exponent)
    {
        var x = U(a);
        return Record(nameof(Pow), _inner.Pow(x, exponent), [a], (g, _) =>
            [_inner.Mul(g, _inner.MulScalar(_inner.Pow(x, exponent - 1), exponent))]);
    }

    /// <summary>∂ max(a, 0) = g·[a &gt; 0].</summary>
    public Tensor Relu(Tensor a)
    {
        var x = U(a);
        return Record(nameof(Relu), _inner.Relu(x), [a], (g, _) => [Kernels(nameof(Relu)).ReluBackward(g, x)]);
    }

    /// <summary>∂σ(a) = g·y·(1 − y).</summary>
    public Tensor Sigmoid(Tensor a)
    {
        var y = _inner.Sigmoid(U(a));
        return Record(nameof(Sigmoid), y, [a], (g, _) => [_inner.Mul(g, _inner.Mul(y, _inner.AddScalar(_inner.MulScalar(y, -1), 1)))]);
    }

    /// <summary>∂eᵃ = g·y.</summary>
    public Tensor Exp(Tensor a)
    {
        var y = _inner.Exp(U(a));
        return Record(nameof(Exp), y, [a], (g, _) => [_inner.Mul(g, y)]);
    }

    /// <summary>∂ ln a = g / a.</summary>
    public Tensor Log(Tensor a)
    {
        var x = U(a);
        return Record(nameof(Log), _inner.Log(x), [a], (g, _) => [_inner.Div(g, x)]);
    }

    /// <summary>∂√a = g / (2y).</summary>
    public Tensor Sqrt(Tensor a)
    {
        var y = _inner.Sqrt(U(a));
        return Record(nameof(Sqrt), y, [a], (g, _) => [_inner.Div(_inner.MulScalar(g, 0.5), y)]);
    }

    /// <summary>∂|a| = g·sign a.</summary>
    public Tensor Abs(Tensor a)
    {
        var x = U(a);
        return Record(nameof(Abs), _inner.Abs(x), [a], (g, _) => [_inner.Mul(g, Kernels(nameof(Abs)).Sign(x))]);
    }
}
