using Seer.Toolkit.Backends.Ilgpu.Kernels;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>The primitive backward kernels the autodiff decorator composes into gradients (convolution, pooling, ReLU, sign).</summary>
public sealed partial class IlgpuBackend : IBackwardOps
{
    /// <inheritdoc />
    public Tensor Conv2dBackwardInput(Tensor gradOutput, Tensor weight, ReadOnlySpan<long> inputShape, int stride, int padding, int dilation, int groups)
    {
        var gy = T(gradOutput);
        var w = T(weight);
        var xShape = inputShape.ToArray();
        var yShape = ShapeRules.Conv2d(xShape, w.Shape, default, false, stride, padding, dilation, groups);
        RequireShape(gy, yShape, nameof(Conv2dBackwardInput));
        var gx = Allocate(xShape);
        if (gx.NumElements == 0) return gx;
        _kernels.Conv2dBackwardInput(_kernels.For(gx.NumElements), gy.View, w.View, gx.View,
            Geometry(xShape, w.Shape, yShape, stride, padding, dilation, groups));
        return gx;
    }

    /// <inheritdoc />
    public Tensor Conv2dBackwardWeight(Tensor input, Tensor gradOutput, ReadOnlySpan<long> weightShape, int stride, int padding, int dilation, int groups)
    {
        var x = T(input);
        var gy = T(gradOutput);
        var wShape = weightShape.ToArray();
        var yShape = ShapeRules.Conv2d(x.Shape, wShape, default, false, stride, padding, dilation, groups);
        RequireShape(gy, yShape, nameof(Conv2dBackwardWeight));
        var gw = Allocate(wShape);
        if (gw.NumElements == 0) return gw;
        _kernels.Conv2dBackwardWeight(_kernels.For(gw.NumElements), x.View, gy.View, gw.View,
            Geometry(x.Shape, wShape, yShape, stride, padding, dilation, groups));
        return gw;
    }

    /// <inheritdoc />
    public Tensor AdaptiveAveragePool2dBackward(Tensor gradOutput, ReadOnlySpan<long> inputShape)
    {
        var gy = T(gradOutput);
        var s = inputShape.ToArray();
        var gs = RequirePlanes(gy, nameof(AdaptiveAveragePool2dBackward));
        if (s.Length != 4 || s[0] != gs[0] || s[1] != gs[1])
            throw new ArgumentException($"AdaptiveAveragePool2dBackward: gradient {gy.ShapeText} does not match input {ShapeRules.Text(s)}");
        var gx = Allocate(s);
        if (gx.NumElements == 0) return gx;
        _kernels.AdaptiveAverageBackward(_kernels.For(gx.NumElements), gy.View, gx.View, (int)s[2], (int)s[3], (int)gs[2], (int)gs[3]);
        return gx;
    }

    /// <inheritdoc />
    public Tensor MaxPool2dBackward(Tensor gradOutput, Tensor input, int kernel, int stride, int padding)
    {
        var gy = T(gradOutput);
        var x = T(input);
        var s = RequirePlanes(x, nameof(MaxPool2dBackward));
        RequirePlanes(gy, nameof(MaxPool2dBackward));
        if (kernel < 1 || stride < 1 || padding < 0)
            throw new ArgumentException($"MaxPool2dBackward: kernel {kernel}, stride {stride}, padding {padding}");
        long oh = (s[2] + 2 * padding - kernel) / stride + 1, ow = (s[3] + 2 * padding - kernel) / stride + 1;
        RequireShape(gy, [s[0], s[1], oh, ow], nameof(MaxPool2dBackward));
        var gx = Allocate((long[])s.Clone());
        if (gx.NumElements == 0) return gx;
        _kernels.MaxPoolBackward(_kernels.For(gx.NumElements), x.View, gy.View, gx.View, (int)s[2], (int)s[3], (int)oh, (int)ow,
            kernel, stride, padding);
        return gx;
    }

    /// <inheritdoc />
    public Tensor ReluBackward(Tensor gradOutput, Tensor input) => Binary<ReluBackwardFunction>(gradOutput, input, nameof(ReluBackward));

    /// <inheritdoc />
    public Tensor Sign(Tensor a) => Unary(a, default(SignFunction));

    private static void RequireShape(IlgpuTensor t, long[] expected, string op)
    {
        if (!t.Shape.AsSpan().SequenceEqual(expected))
            throw new ArgumentException($"{op}: gradient {t.ShapeText}, expected {ShapeRules.Text(expected)}");
    }
}
