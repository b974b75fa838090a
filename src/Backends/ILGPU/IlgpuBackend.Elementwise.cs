using Seer.Toolkit.Backends.Ilgpu.Kernels;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Elementwise ops: y = f(a, b) under NumPy broadcasting, y = f(x), and the in-place updates optimizers and buffers use.</summary>
public sealed partial class IlgpuBackend
{
    private IlgpuTensor Binary<TFunction>(Tensor a, Tensor b, string op, TFunction function = default) where TFunction : struct, IBinaryFunction
    {
        var ta = T(a);
        var tb = T(b);
        var y = Allocate(Broadcasting.Shape(ta.Shape, tb.Shape, op));
        BinaryInto(ta, tb, y, function);
        return y;
    }

    /// <summary>y = f(a, b) with a and b broadcast to y's shape (y may be a itself: each element is read before it is written).</summary>
    private void BinaryInto<TFunction>(IlgpuTensor a, IlgpuTensor b, IlgpuTensor y, TFunction function) where TFunction : struct, IBinaryFunction
    {
        var shape = y.Shape;
        int rank = shape.Length;
        if (y.NumElements == 0) return;
        var layout = new int[3 * rank];
        for (int d = 0; d < rank; d++) layout[d] = checked((int)shape[d]);
        Broadcasting.Strides(a.Shape, shape).CopyTo(layout, rank);
        Broadcasting.Strides(b.Shape, shape).CopyTo(layout, 2 * rank);
        using var meta = Upload(layout);
        _kernels.Binary<TFunction>()(_kernels.For(y.NumElements), a.View, b.View, y.View, meta.View, rank, function);
        _accelerator.Synchronize();
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

    /// <summary>target ← target + α·other; other broadcasts to target's shape.</summary>
    public void AddInPlace(Tensor target, Tensor other, double alpha = 1.0)
    {
        var t = T(target);
        var o = T(other);
        var shape = Broadcasting.Shape(t.Shape, o.Shape, nameof(AddInPlace));
        if (!shape.AsSpan().SequenceEqual(t.Shape))
            throw new ArgumentException($"AddInPlace: {o.ShapeText} broadcasts to {ShapeRules.Text(shape)}, not to the target {t.ShapeText}");
        if (t.RawBuffer is not null || o.RawBuffer is not null)
        {
            if (!o.Shape.AsSpan().SequenceEqual(t.Shape))
                throw new NotSupportedException($"ILGPU backend: AddInPlace of {o.DType} into {t.DType} needs equal shapes");
            var (tv, ov) = (Values(t), Values(o));
            for (int i = 0; i < tv.Length; i++) tv[i] += alpha * ov[i];
            SetValues(t, tv);
            return;
        }
        BinaryInto<AddScaledFunction>(t, o, t, new AddScaledFunction((float)alpha));
    }

    /// <inheritdoc />
    public void AddScalarInPlace(Tensor target, double s)
    {
        var t = T(target);
        if (t.RawBuffer is not null)
        {
            double step = t.DType.IsFloatingPoint() ? s : Math.Truncate(s);                 // integers take the integral part
            SetValues(t, Array.ConvertAll(Values(t), v => v + step));
            return;
        }
        if (t.NumElements > 0) _kernels.Unary<AddScalarFunction>()(_kernels.For(t.NumElements), t.View, t.View, new AddScalarFunction((float)s));
    }

    /// <inheritdoc />
    public void MulScalarInPlace(Tensor target, double s)
    {
        var t = T(target);
        if (t.RawBuffer is not null)
        {
            SetValues(t, Array.ConvertAll(Values(t), v => v * s));
            return;
        }
        if (t.NumElements > 0) _kernels.Unary<MulScalarFunction>()(_kernels.For(t.NumElements), t.View, t.View, new MulScalarFunction((float)s));
    }

    /// <inheritdoc />
    public void CopyInPlace(Tensor target, Tensor source)
    {
        var t = T(target);
        var s = T(source);
        if (!t.Shape.AsSpan().SequenceEqual(s.Shape))
            throw new ArgumentException($"CopyInPlace: source {s.ShapeText} does not match target {t.ShapeText}");
        if (ReferenceEquals(t, s)) return;
        if (t.DType != s.DType) SetValues(t, Values(s));
        else StridedCopy(s, t, [t.NumElements], [1], [1], 0, 0);
    }
}
