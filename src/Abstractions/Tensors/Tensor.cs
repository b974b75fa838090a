using Seer.Toolkit.Backends;

namespace Seer.Toolkit.Tensors;

/// <summary>
/// A backend-owned n-dimensional array. Component code works with this type only; every operation dispatches
/// to <see cref="Backend"/>, so the same model code runs on any backend.
/// </summary>
public abstract class Tensor : IDisposable
{
    /// <summary>The backend that owns the storage.</summary>
    public abstract IBackend Backend { get; }

    /// <summary>Dimensions, outermost first.</summary>
    public abstract long[] Shape { get; }

    /// <summary>Element type.</summary>
    public abstract DType DType { get; }

    /// <summary>Where the storage lives.</summary>
    public abstract Device Device { get; }

    /// <summary>Number of dims.</summary>
    public int Rank => Shape.Length;

    /// <summary>Number of elements (product of the shape).</summary>
    public long NumElements
    {
        get
        {
            long n = 1;
            foreach (var d in Shape) n *= d;
            return n;
        }
    }

    /// <summary>Releases the storage now instead of at scope end.</summary>
    public abstract void Dispose();

    /// <summary>Shape as "[a, b, c]".</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";

    /// <inheritdoc />
    public override string ToString() => $"Tensor{ShapeText} {DType} on {Device} ({Backend.Name})";

    /// <summary>a + b.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => a.Backend.Add(a, b);
    /// <summary>a − b.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => a.Backend.Sub(a, b);
    /// <summary>a ⊙ b.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => a.Backend.Mul(a, b);
    /// <summary>a ⊘ b.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => a.Backend.Div(a, b);
    /// <summary>a + s.</summary>
    public static Tensor operator +(Tensor a, double s) => a.Backend.AddScalar(a, s);
    /// <summary>a − s.</summary>
    public static Tensor operator -(Tensor a, double s) => a.Backend.AddScalar(a, -s);
    /// <summary>a · s.</summary>
    public static Tensor operator *(Tensor a, double s) => a.Backend.MulScalar(a, s);
    /// <summary>s · a.</summary>
    public static Tensor operator *(double s, Tensor a) => a.Backend.MulScalar(a, s);
    /// <summary>a / s.</summary>
    public static Tensor operator /(Tensor a, double s) => a.Backend.MulScalar(a, 1.0 / s);
    /// <summary>−a.</summary>
    public static Tensor operator -(Tensor a) => a.Backend.MulScalar(a, -1.0);

    /// <summary>max(x, 0).</summary>
    public Tensor Relu() => Backend.Relu(this);
    /// <summary>σ(x).</summary>
    public Tensor Sigmoid() => Backend.Sigmoid(this);
    /// <summary>eˣ.</summary>
    public Tensor Exp() => Backend.Exp(this);
    /// <summary>ln x.</summary>
    public Tensor Log() => Backend.Log(this);
    /// <summary>xᵖ.</summary>
    public Tensor Pow(double p) => Backend.Pow(this, p);
    /// <summary>Σ over all elements.</summary>
    public Tensor Sum() => Backend.Sum(this);
    /// <summary>Σ over the given dims.</summary>
    public Tensor Sum(long dim, bool keepDim = false) => Backend.Sum(this, [dim], keepDim);
    /// <summary>Mean over all elements.</summary>
    public Tensor Mean() => Backend.Mean(this);
    /// <summary>Mean over one dim.</summary>
    public Tensor Mean(long dim, bool keepDim = false) => Backend.Mean(this, [dim], keepDim);
    /// <summary>New shape, same elements.</summary>
    public Tensor Reshape(params long[] shape) => Backend.Reshape(this, shape);
    /// <summary>Flattens dims start..end.</summary>
    public Tensor Flatten(long startDim = 0, long endDim = -1) => Backend.Flatten(this, startDim, endDim);
    /// <summary>Matrix product.</summary>
    public Tensor MatMul(Tensor other) => Backend.MatMul(this, other);
    /// <summary>Swaps two dims.</summary>
    public Tensor Transpose(long dim0, long dim1) => Backend.Transpose(this, dim0, dim1);
    /// <summary>Element type conversion.</summary>
    public Tensor Cast(DType dtype) => Backend.Cast(this, dtype);
    /// <summary>Cut from the autograd graph.</summary>
    public Tensor Detach() => Backend.Detach(this);
    /// <summary>Value of a one-element tensor.</summary>
    public double Item() => Backend.Item(this);
    /// <summary>Host copy as float32.</summary>
    public float[] ToFloatArray() => Backend.ToFloatArray(this);
    /// <summary>Host copy as float64.</summary>
    public double[] ToDoubleArray() => Backend.ToDoubleArray(this);
    /// <summary>Accumulated gradient, if any.</summary>
    public Tensor? Grad => Backend.Grad(this);
    /// <summary>Backpropagates from this scalar.</summary>
    public void Backward() => Backend.Backward(this);
}
