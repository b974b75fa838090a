using Seer.Toolkit.Backends.Ilgpu.Kernels;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Convolution, pooling and batch norm over NCHW tensors (direct kernels); cross-entropy needs int64 targets (not yet).</summary>
public sealed partial class IlgpuBackend
{
    /// <summary>The geometry of a convolution after checking its shapes (<see cref="ShapeRules.Conv2d"/>).</summary>
    private static ConvGeometry Geometry(long[] x, long[] w, long[] y, int stride, int padding, int dilation, int groups) => new(
        checked((int)x[0]), checked((int)x[1]), checked((int)x[2]), checked((int)x[3]), checked((int)w[0]),
        checked((int)y[2]), checked((int)y[3]), checked((int)w[2]), checked((int)w[3]), stride, padding, dilation, groups);

    /// <inheritdoc />
    public Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        var x = T(input);
        var w = T(weight);
        var b = bias is null ? null : T(bias);
        var outShape = ShapeRules.Conv2d(x.Shape, w.Shape, b is null ? default : b.Shape, b is not null, stride, padding, dilation, groups);
        var y = Allocate(outShape);
        if (y.NumElements == 0) return y;
        var g = Geometry(x.Shape, w.Shape, outShape, stride, padding, dilation, groups);
        _kernels.Conv2d(_kernels.For(y.NumElements), x.View, w.View, (b ?? w).View, y.View, g, b is null ? 0 : 1);
        return y;
    }

    /// <inheritdoc />
    public Tensor GlobalAveragePool2d(Tensor input)
    {
        RequirePlanes(T(input), nameof(GlobalAveragePool2d));
        return AdaptiveAveragePool2d(input, 1, 1);
    }

    /// <inheritdoc />
    public Tensor AdaptiveAveragePool2d(Tensor input, int outputHeight, int outputWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputWidth, 1);
        var x = T(input);
        var s = RequirePlanes(x, nameof(AdaptiveAveragePool2d));
        var y = Allocate([s[0], s[1], outputHeight, outputWidth]);
        if (y.NumElements == 0) return y;
        _kernels.AdaptiveAverage(_kernels.For(y.NumElements), x.View, y.View, (int)s[2], (int)s[3], outputHeight, outputWidth);
        return y;
    }

    /// <inheritdoc />
    public Tensor MaxPool2d(Tensor input, int kernel, int stride, int padding = 0)
    {
        var x = T(input);
        var s = RequirePlanes(x, nameof(MaxPool2d));
        if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel)
            throw new ArgumentException($"MaxPool2d: kernel {kernel}, stride {stride}, padding {padding} (padding at most half the kernel)");
        long oh = (s[2] + 2 * padding - kernel) / stride + 1, ow = (s[3] + 2 * padding - kernel) / stride + 1;
        if (s[2] + 2 * padding < kernel || s[3] + 2 * padding < kernel)
            throw new ArgumentException($"MaxPool2d: kernel {kernel} larger than the padded input {x.ShapeText}");
        var y = Allocate([s[0], s[1], oh, ow]);
        if (y.NumElements == 0) return y;
        _kernels.MaxPool(_kernels.For(y.NumElements), x.View, y.View, (int)s[2], (int)s[3], (int)oh, (int)ow, kernel, stride, padding);
        return y;
    }

    /// <summary>
    /// Batch norm over dim 1 of [N, C, …]: training normalises with the batch mean and biased variance and updates the
    /// running buffers (unbiased variance) when given; evaluation uses the running buffers (batch statistics if absent).
    /// </summary>
    public Tensor BatchNorm(Tensor input, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum, double eps)
    {
        var x = T(input);
        var s = x.Shape;
        if (s.Length < 2) throw new ArgumentException($"BatchNorm: input {x.ShapeText} needs [N, C, …]");
        int outer = checked((int)s[0]), channels = checked((int)s[1]);
        int inner = checked((int)(x.NumElements / Math.Max(1L, (long)outer * channels)));
        foreach (var (t, name) in new[] { (weight, "weight"), (bias, "bias"), (runningMean, "running mean"), (runningVar, "running var") })
            if (t is not null && (t.Rank != 1 || t.Shape[0] != channels))
                throw new ArgumentException($"BatchNorm: {name} {t.ShapeText} does not match {channels} channels of {x.ShapeText}");
        var rm = runningMean is null ? null : T(runningMean);
        var rv = runningVar is null ? null : T(runningVar);
        var w = weight is null ? null : T(weight);
        var b = bias is null ? null : T(bias);
        var y = Allocate(s);
        if (y.NumElements == 0) return y;

        bool batchStats = training || rm is null || rv is null;
        IlgpuTensor? mean = null, variance = null;
        try
        {
            if (batchStats)
            {
                long count = (long)outer * inner;
                if (training && count <= 1)
                    throw new ArgumentException($"BatchNorm: expected more than one value per channel when training, got input {x.ShapeText}");
                mean = Allocate([channels]);
                variance = Allocate([channels]);
                _kernels.ChannelMoments(_kernels.For(channels), x.View, mean.View, variance.View, outer, channels, inner);
                if (training && rm is not null)
                    _kernels.RunningUpdate(_kernels.For(channels), rm.View, mean.View, (float)momentum, 1f);
                if (training && rv is not null)
                    _kernels.RunningUpdate(_kernels.For(channels), rv.View, variance.View, (float)momentum, (float)(count / (double)(count - 1)));
            }
            var m = mean ?? rm!;
            var v = variance ?? rv!;
            _kernels.BatchNormApply(_kernels.For(y.NumElements), x.View, m.View, v.View, (w ?? m).View, (b ?? m).View, y.View,
                channels, inner, (float)eps, w is null ? 0 : 1, b is null ? 0 : 1);
            _accelerator.Synchronize();
        }
        finally
        {
            mean?.Dispose();
            variance?.Dispose();
        }
        return y;
    }

    /// <summary>Mean over rows of −log softmax(logits)[target]: targets are checked on the host, then one thread per row.</summary>
    public Tensor CrossEntropy(Tensor logits, Tensor targets)
    {
        var x = T(logits);
        var t = T(targets);
        if (x.Rank != 2) throw new ArgumentException($"CrossEntropy: logits must be [N, K], got {x.ShapeText}");
        if (t.DType != DType.Int64 || t.Rank != 1 || t.Shape[0] != x.Shape[0])
            throw new ArgumentException($"CrossEntropy: targets must be int64 [{x.Shape[0]}], got {t.DType} {t.ShapeText}");
        int rows = checked((int)x.Shape[0]), classes = checked((int)x.Shape[1]);
        var labels = Values(t);
        var indices = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentException($"CrossEntropy: target {labels[i]} of row {i} is out of range for {classes} classes");
            indices[i] = (int)labels[i];
        }
        using var losses = Allocate([rows]);
        using var meta = Upload(indices);
        _kernels.CrossEntropy(_kernels.For(rows), x.View, meta.View, losses.View, rows, classes);
        return Reduce(losses, default, keepDim: false, mean: true, nameof(CrossEntropy));
    }

    /// <summary>Tensors are always dense row-major here, so either format is a plain copy with the same values and shape.</summary>
    public Tensor ToMemoryFormat(Tensor input, MemoryFormat format)
    {
        var x = T(input);
        if (format == MemoryFormat.ChannelsLast && x.Rank != 4)
            throw new ArgumentException($"channels-last needs a 4-D tensor, got {x.ShapeText}");
        return CopyAs(x, x.Shape);
    }

    private static long[] RequirePlanes(IlgpuTensor x, string op)
    {
        var s = x.Shape;
        if (s.Length != 4) throw new ArgumentException($"{op}: expected [N, C, H, W], got {x.ShapeText}");
        return s;
    }
}
