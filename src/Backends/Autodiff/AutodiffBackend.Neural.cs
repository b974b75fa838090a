using Seer.Toolkit.Tensors;
using static Seer.Toolkit.Backends.Autodiff.GradientShapes;

namespace Seer.Toolkit.Backends.Autodiff;

/// <summary>Convolution, pooling and batch norm with their vector-Jacobian products.</summary>
public sealed partial class AutodiffBackend
{
    /// <summary>∂conv2d = (transposed convolution of g with w, correlation of x with g, Σ_{n,h,w} g).</summary>
    public Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        var (x, w) = (U(input), U(weight));
        var b = bias is null ? null : U(bias);
        var y = _inner.Conv2d(x, w, b, stride, padding, dilation, groups);
        var (sx, sw) = (x.Shape, w.Shape);
        return Record(nameof(Conv2d), y, [input, weight, bias], (g, n) =>
        [
            n[0] ? Kernels(nameof(Conv2d)).Conv2dBackwardInput(g, w, sx, stride, padding, dilation, groups) : null,
            n[1] ? Kernels(nameof(Conv2d)).Conv2dBackwardWeight(x, g, sw, stride, padding, dilation, groups) : null,
            n[2] ? _inner.Sum(g, [0, 2, 3]) : null,
        ]);
    }

    /// <summary>∂GAP = g / (H·W) spread over every pixel.</summary>
    public Tensor GlobalAveragePool2d(Tensor input)
    {
        var x = U(input);
        var shape = x.Shape;
        var y = _inner.GlobalAveragePool2d(x);
        double pixels = shape.Length == 4 ? Math.Max(1, shape[2] * shape[3]) : 1;
        return Record(nameof(GlobalAveragePool2d), y, [input], (g, _) => [Expand(_inner, _inner.MulScalar(g, 1 / pixels), shape)]);
    }

    /// <summary>∂ adaptive average pooling: each cell's gradient spread evenly over the pixels it covers.</summary>
    public Tensor AdaptiveAveragePool2d(Tensor input, int outputHeight, int outputWidth)
    {
        var x = U(input);
        var shape = x.Shape;
        return Record(nameof(AdaptiveAveragePool2d), _inner.AdaptiveAveragePool2d(x, outputHeight, outputWidth), [input], (g, _) =>
            [Kernels(nameof(AdaptiveAveragePool2d)).AdaptiveAveragePool2dBackward(g, shape)]);
    }

    /// <summary>∂ max pooling: each window's gradient goes to its maximal input pixel (the first in scan order, as libtorch).</summary>
    public Tensor MaxPool2d(Tensor input, int kernel, int stride, int padding = 0)
    {
        var x = U(input);
        return Record(nameof(MaxPool2d), _inner.MaxPool2d(x, kernel, stride, padding), [input], (g, _) =>
            [Kernels(nameof(MaxPool2d)).MaxPool2dBackward(g, x, kernel, stride, padding)]);
    }

    /// <summary>
    /// Batch norm; with batch statistics (x̂ = (x − μ)·r, r = (σ² + ε)^−½ over every dim but 1):
    /// ∂x = r·(ĝ − mean ĝ − x̂·mean(ĝ ⊙ x̂)) with ĝ = γ ⊙ g, ∂γ = Σ g ⊙ x̂, ∂β = Σ g; with running statistics ∂x = r·ĝ.
    /// Statistics are recomputed from x in backward (the running buffers are not differentiated).
    /// </summary>
    public Tensor BatchNorm(Tensor input, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum, double eps)
    {
        var x = U(input);
        var w = weight is null ? null : U(weight);
        var rm = runningMean is null ? null : U(runningMean);
        var rv = runningVar is null ? null : U(runningVar);
        var y = _inner.BatchNorm(x, w, bias is null ? null : U(bias), rm, rv, training, momentum, eps);
        bool batchStats = training || rm is null || rv is null;
        var shape = x.Shape;
        var stat = new long[shape.Length];
        Array.Fill(stat, 1L);
        stat[1] = shape[1];
        var dims = Enumerable.Range(0, shape.Length).Where(d => d != 1).Select(d => (long)d).ToArray();
        // eval mode reads the running buffers at backward time: they do not change without a training-mode forward
        return Record(nameof(BatchNorm), y, [input, weight, bias], (g, n) =>
        {
            Tensor centered, invStd;
            if (batchStats)
            {
                centered = _inner.Sub(x, _inner.Mean(x, dims, keepDim: true));
                invStd = _inner.Pow(_inner.AddScalar(_inner.Mean(_inner.Mul(centered, centered), dims, keepDim: true), eps), -0.5);
            }
            else
            {
                centered = _inner.Sub(x, _inner.Reshape(rm!, stat));
                invStd = _inner.Pow(_inner.AddScalar(_inner.Reshape(rv!, stat), eps), -0.5);
            }
            var xHat = _inner.Mul(centered, invStd);
            var gHat = w is null ? g : _inner.Mul(g, _inner.Reshape(w, stat));
            Tensor? gx = null;
            if (n[0])
            {
                gx = batchStats
                    ? _inner.Mul(invStd, _inner.Sub(_inner.Sub(gHat, _inner.Mean(gHat, dims, keepDim: true)),
                        _inner.Mul(xHat, _inner.Mean(_inner.Mul(gHat, xHat), dims, keepDim: true))))
                    : _inner.Mul(gHat, invStd);
            }
            return
            [
                gx,
                n[1] ? _inner.Sum(_inner.Mul(g, xHat), dims) : null,
                n[2] ? _inner.Sum(g, dims) : null,
            ];
        });
    }

    /// <summary>Mean cross-entropy; ∂logits = g · (softmax(logits) − onehot(targets)) / N, the one-hot built from the int64 targets on the host.</summary>
    public Tensor CrossEntropy(Tensor logits, Tensor targets)
    {
        var x = U(logits);
        var t = U(targets);
        return Record(nameof(CrossEntropy), _inner.CrossEntropy(x, t), [logits], (g, _) =>
        {
            long rows = x.Shape[0], classes = x.Shape[1];
            var labels = _inner.ToDoubleArray(t);
            var oneHot = new float[rows * classes];
            for (long i = 0; i < rows; i++) oneHot[i * classes + (long)labels[i]] = 1f;
            var residual = _inner.Sub(_inner.Softmax(x, 1), _inner.FromArray(oneHot, [rows, classes]));
            return [_inner.MulScalar(_inner.Mul(residual, g), 1.0 / rows)];
        });
    }

    /// <summary>∂ = g (values unchanged).</summary>
    public Tensor ToMemoryFormat(Tensor input, MemoryFormat format) =>
        Record(nameof(ToMemoryFormat), _inner.ToMemoryFormat(U(input), format), [input], (g, _) => [g]);
}
