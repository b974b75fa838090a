using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends;

/// <summary>Elementwise arithmetic and activations with NumPy broadcasting.</summary>
public interface IElementwiseOps
{
    /// <summary>a + b.</summary>
    Tensor Add(Tensor a, Tensor b);

    /// <summary>a − b.</summary>
    Tensor Sub(Tensor a, Tensor b);

    /// <summary>a ⊙ b.</summary>
    Tensor Mul(Tensor a, Tensor b);

    /// <summary>a ⊘ b.</summary>
    Tensor Div(Tensor a, Tensor b);

    /// <summary>a + s.</summary>
    Tensor AddScalar(Tensor a, double s);

    /// <summary>a · s.</summary>
    Tensor MulScalar(Tensor a, double s);

    /// <summary>aᵖ.</summary>
    Tensor Pow(Tensor a, double exponent);

    /// <summary>max(a, 0).</summary>
    Tensor Relu(Tensor a);

    /// <summary>1 / (1 + e^{−a}).</summary>
    Tensor Sigmoid(Tensor a);

    /// <summary>eᵃ.</summary>
    Tensor Exp(Tensor a);

    /// <summary>ln a.</summary>
    Tensor Log(Tensor a);

    /// <summary>√a.</summary>
    Tensor Sqrt(Tensor a);

    /// <summary>|a|.</summary>
    Tensor Abs(Tensor a);

    /// <summary>In place: target ← target + alpha · other.</summary>
    void AddInPlace(Tensor target, Tensor other, double alpha = 1.0);

    /// <summary>In place: target ← target + s (integer tensors take the integral part of s).</summary>
    void AddScalarInPlace(Tensor target, double s);

    /// <summary>In place: target ← target · s.</summary>
    void MulScalarInPlace(Tensor target, double s);

    /// <summary>In place: target ← source (same shape; dtype converted).</summary>
    void CopyInPlace(Tensor target, Tensor source);
}
