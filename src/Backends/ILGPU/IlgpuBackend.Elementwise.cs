using Seer.Toolkit.Backends.Ilgpu.Kernels;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Elementwise ops: y = f(a, b) under NumPy broadcasting and y = f(x); in-place forms are not implemented yet.</summary>
public sealed partial class IlgpuBackend
{
    private IlgpuTensor Binary<TFunction>(Tensor a, Tensor b, string op) where TFunction : struct, IBinaryFunction
    {
        var ta = T(a);
        var tb = T(b);
        var sa = ta.Shape;
        var sb = tb.Shape;
        var shape = Broadcasting.Shape(sa, sb, op);
        int rank = shape.Length;
        var layout = new int[3 * rank];
        for (int d = 0; d < rank; d++) layout[d] = checked((int)shape[d]);
        Broadcasting.Strides(sa, shape).CopyTo(layout, rank);
        Broadcasting.Strides(sb, shape).CopyTo(layout, 2 * rank);
        var y = Allocate(shape);
        if (y.NumElements == 0) return y;
        using var meta = Upload(layout);
        _kernels.Binary<TFunction>()(_kernels.For(y.NumElements), ta.View, tb.View, y.View, meta.View, rank, default);
        _accelerator.Synchronize();
        return y;
    }

    private IlgpuTensor Unary<TFunction>(Tensor a, TFunction function) where TFunction : struct, IUnaryFunction
    {
        var x = T(a);
        var y = Allocate(x.Shape);
        if (y.NumElements > 0)
            _kernels.Unary<TFunction>()(_kernels.For(y.NumElements), x.View, y.View, function);
        return y;
    }

    /// <inheritdoc />
    public Tensor Add(Tensor a, Tensor b) => Binary<AddFunction>(a, b, nameof(Add));

    /// <inheritdoc />
    public Tensor Sub(Tensor a, Tensor b) => Binary<SubFunction>(a, b, nameof(Sub));

    /// <inheritdoc />
    public Tensor Mul(Tensor a, Tensor b) => Binary<MulFunction>(a, b, nameof(Mul));

    /// <inheritdoc />
    public Tensor Div(Tensor a, Tensor b) => Binary<DivFunction>(a, b, nameof(Div));

    /// <inheritdoc />
    public Tensor AddScalar(Tensor a, double s) => Unary(a, new AddScalarFunction((float)s));

    /// <inheritdoc />
    public Tensor MulScalar(Tensor a, double s) => Unary(a, new MulScalarFunction((float)s));

    /// <inheritdoc />
    public Tensor Pow(Tensor a, double exponent) => Unary(a, new PowFunction((float)exponent));

    /// <inheritdoc />
    public Tensor Relu(Tensor a) => Unary(a, default(ReluFunction));

    /// <inheritdoc />
    public Tensor Sigmoid(Tensor a) => Unary(a, default(SigmoidFunction));

    /// <inheritdoc />
    public Tensor Exp(Tensor a) => Unary(a, default(ExpFunction));

    /// <inheritdoc />
    public Tensor Log(Tensor a) => Unary(a, default(LogFunction));

    /// <inheritdoc />
    public Tensor Sqrt(Tensor a) => Unary(a, default(SqrtFunction));

    /// <inheritdoc />
    public Tensor Abs(Tensor a) => Unary(a, default(AbsFunction));

    /// <inheritdoc />
    public void AddInPlace(Tensor target, Tensor other, double alpha = 1.0) =>
        throw new NotSupportedException("ILGPU backend: AddInPlace");

    /// <inheritdoc />
    public void AddScalarInPlace(Tensor target, double s) => throw new NotSupportedException("ILGPU backend: AddScalarInPlace");

    /// <inheritdoc />
    public void MulScalarInPlace(Tensor target, double s) => throw new NotSupportedException("ILGPU backend: MulScalarInPlace");

    /// <inheritdoc />
    public void CopyInPlace(Tensor target, Tensor source) => throw new NotSupportedException("ILGPU backend: CopyInPlace");
}
