using System.Runtime.InteropServices;
using Seer.Toolkit.Tensors;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;
using TT = TorchSharp.torch.Tensor;
using Tensor = Seer.Toolkit.Tensors.Tensor;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>The libtorch backend: every op family maps onto one libtorch call; autograd is libtorch's own.</summary>
public sealed partial class TorchBackend : IBackend
{
    private readonly torch.Device _device;

    // TorchSharp's overloads that take .NET numbers build a temporary Scalar and pass only its native handle, so the
    // Scalar's finalizer can run during the native call (a use-after-free seen here as random libtorch errors after
    // thousands of steps). Every scalar therefore goes through a Scalar this class holds alive: the shared alpha 1,
    // or one created in WithScalar and disposed only after the call returns.
    private readonly Scalar _one;

    /// <summary>Creates the backend on a device (CPU unless configured).</summary>
    public TorchBackend(Seer.Toolkit.Tensors.Device? device = null)
    {
        NativeLibraries.EnsureLoaded();
        DefaultDevice = device ?? Seer.Toolkit.Tensors.Device.Cpu;
        _device = TorchTypes.ToTorch(DefaultDevice);
        _one = 1L.ToScalar();
    }

    private static T WithScalar<T>(double value, Func<Scalar, T> call)
    {
        using var scalar = value.ToScalar();
        return call(scalar);
    }

    /// <inheritdoc />
    public string Name => "torchsharp";

    /// <inheritdoc />
    public Seer.Toolkit.Tensors.Device DefaultDevice { get; }

    /// <inheritdoc />
    public int Threads
    {
        get => torch.get_num_threads();
        set => torch.set_num_threads(value);
    }

    /// <inheritdoc />
    public void ManualSeed(long seed) => torch.manual_seed(seed);

    /// <summary>The libtorch tensor behind a toolkit tensor (must belong to this backend).</summary>
    public static TT N(Tensor t) => t is TorchTensor tt
        ? tt.Native
        : throw new ArgumentException($"tensor from backend '{t.Backend.Name}' passed to the TorchSharp backend");

    private TorchTensor W(TT t) => new(this, t);

    private static long[] Dims(ReadOnlySpan<long> s) => s.ToArray();

    // ---- creation ----

    /// <inheritdoc />
    public Tensor Zeros(ReadOnlySpan<long> shape, DType dtype = DType.Float32) =>
        W(torch.zeros(Dims(shape), TorchTypes.ToTorch(dtype), _device));

    /// <inheritdoc />
    public Tensor Full(ReadOnlySpan<long> shape, double value, DType dtype = DType.Float32) =>
        Full(Dims(shape), value, dtype);

    private Tensor Full(long[] dims, double value, DType dtype) =>
        WithScalar(value, v => W(torch.full(dims, v, TorchTypes.ToTorch(dtype), _device)));

    /// <inheritdoc />
    public Tensor FromArray(ReadOnlySpan<float> data, ReadOnlySpan<long> shape) =>
        FromBytes(MemoryMarshal.AsBytes(data), DType.Float32, shape);

    /// <inheritdoc />
    public Tensor FromArray(ReadOnlySpan<double> data, ReadOnlySpan<long> shape) =>
        FromBytes(MemoryMarshal.AsBytes(data), DType.Float64, shape);

    /// <inheritdoc />
    public Tensor FromArray(ReadOnlySpan<long> data, ReadOnlySpan<long> shape) =>
        FromBytes(MemoryMarshal.AsBytes(data), DType.Int64, shape);

    /// <inheritdoc />
    public Tensor FromBytes(ReadOnlySpan<byte> data, DType dtype, ReadOnlySpan<long> shape)
    {
        var t = torch.empty(Dims(shape), TorchTypes.ToTorch(dtype), torch.CPU);
        long expected = t.numel() * dtype.SizeOf();
        if (data.Length != expected)
            throw new ArgumentException($"{data.Length} bytes given for a {dtype} tensor of shape [{string.Join(", ", shape.ToArray())}] ({expected} bytes expected)");
        data.CopyTo(t.bytes);
        return W(_device.type == DeviceType.CPU ? t : t.to(_device));
    }

    /// <inheritdoc />
    public Tensor RandomNormal(ReadOnlySpan<long> shape, double mean, double std, long seed, DType dtype = DType.Float32)
    {
        using var g = new Generator((ulong)seed, torch.CPU);
        using var z = torch.randn(Dims(shape), ScalarType.Float32, torch.CPU, generator: g);
        using var scaled = WithScalar(std, sd => z.mul(sd));
        using var shifted = WithScalar(mean, m => scaled.add(m, _one));
        return W(shifted.to(TorchTypes.ToTorch(dtype), _device));
    }

    /// <inheritdoc />
    public Tensor RandomUniform(ReadOnlySpan<long> shape, double low, double high, long seed, DType dtype = DType.Float32)
    {
        using var g = new Generator((ulong)seed, torch.CPU);
        using var u = torch.rand(Dims(shape), ScalarType.Float32, torch.CPU, generator: g);
        using var scaled = WithScalar(high - low, r => u.mul(r));
        using var shifted = WithScalar(low, l => scaled.add(l, _one));
        return W(shifted.to(TorchTypes.ToTorch(dtype), _device));
    }

    // ---- elementwise ----

    /// <inheritdoc />
    public Tensor Add(Tensor a, Tensor b) => W(Broadcastable(a, b, nameof(Add)).add(N(b), _one));
    /// <inheritdoc />
    public Tensor Sub(Tensor a, Tensor b) => W(Broadcastable(a, b, nameof(Sub)).sub(N(b)));
    /// <inheritdoc />
    public Tensor Mul(Tensor a, Tensor b) => W(Broadcastable(a, b, nameof(Mul)).mul(N(b)));
    /// <inheritdoc />
    public Tensor Div(Tensor a, Tensor b) => W(Broadcastable(a, b, nameof(Div)).div(N(b)));

    /// <summary>a's libtorch tensor after checking a and b broadcast (<see cref="ShapeRules.Broadcast"/>).</summary>
    private static TT Broadcastable(Tensor a, Tensor b, string op)
    {
        var (sa, sb) = (a.Shape, b.Shape);
        if (!sa.AsSpan().SequenceEqual(sb)) ShapeRules.Broadcast(sa, sb, op);
        return N(a);
    }
    /// <inheritdoc />
    public Tensor AddScalar(Tensor a, double s) => WithScalar(s, v => W(N(a).add(v, _one)));
    /// <inheritdoc />
    public Tensor MulScalar(Tensor a, double s) => WithScalar(s, v => W(N(a).mul(v)));
    /// <inheritdoc />
    public Tensor Pow(Tensor a, double exponent) => WithScalar(exponent, e => W(Up(a).pow(e)));
    /// <inheritdoc />
    public Tensor Relu(Tensor a) => W(F.relu(N(a)));
    /// <inheritdoc />
    public Tensor Sigmoid(Tensor a) => W(N(a).sigmoid());
    /// <inheritdoc />
    public Tensor Exp(Tensor a) => W(Up(a).exp());
    /// <inheritdoc />
    public Tensor Log(Tensor a) => W(Up(a).log());
    /// <inheritdoc />
    public Tensor Sqrt(Tensor a) => W(Up(a).sqrt());
    /// <inheritdoc />
    public Tensor Abs(Tensor a) => W(N(a).abs());

    /// <inheritdoc />
    public void AddInPlace(Tensor target, Tensor other, double alpha = 1.0)
    {
        using var _ = torch.no_grad();
        var t = N(target);
        if (alpha == 1.0) t.add_(N(other), _one);
        else if (target.DType.IsFloatingPoint()) WithScalar(alpha, a => t.add_(N(other), a));
        else
        {
            using var a = checked((long)alpha).ToScalar();
            t.add_(N(other), a);
        }
    }

    /// <inheritdoc />
    public void AddScalarInPlace(Tensor target, double s)
    {
        using var _ = torch.no_grad();
        if (target.DType.IsFloatingPoint())
        {
            WithScalar(s, v => N(target).add_(v, _one));
            return;
        }
        // integral: value and alpha as explicitly owned integer scalars (libtorch rejects a floating alpha here)
        using var value = checked((long)s).ToScalar();
        using var alpha = 1L.ToScalar();
        N(target).add_(value, alpha);
    }

    /// <inheritdoc />
    public void MulScalarInPlace(Tensor target, double s)
    {
        using var _ = torch.no_grad();
        WithScalar(s, v => N(target).mul_(v));
    }

    /// <inheritdoc />
    public void CopyInPlace(Tensor target, Tensor source)
    {
        using var _ = torch.no_grad();
        N(target).copy_(N(source));
    }

    // ---- reductions ----

    /// <inheritdoc />
    public Tensor Sum(Tensor a, ReadOnlySpan<long> dims = default, bool keepDim = false) =>
        W(dims.IsEmpty ? Up(a).sum() : Up(Reducible(a, dims, nameof(Sum))).sum(Dims(dims), keepDim));

    /// <inheritdoc />
    public Tensor Mean(Tensor a, ReadOnlySpan<long> dims = default, bool keepDim = false) =>
        W(dims.IsEmpty ? Up(a).mean() : Up(Reducible(a, dims, nameof(Mean))).mean(Dims(dims), keepDim));

    /// <summary>a after checking every dim is in range (<see cref="ShapeRules.CheckDims"/>).</summary>
    private static Tensor Reducible(Tensor a, ReadOnlySpan<long> dims, string op)
    {
        ShapeRules.CheckDims(a.Rank, dims, op);
        return a;
    }

    /// <inheritdoc />
    public Tensor Max(Tensor a, long dim, bool keepDim = false) => W(N(a).max(dim, keepDim).values);

    /// <inheritdoc />
    public Tensor ArgMax(Tensor a, long dim) => W(N(a).argmax(dim));

    /// <inheritdoc />
    public Tensor Softmax(Tensor a, long dim) => W(F.softmax(Up(a), dim));

    /// <inheritdoc />
    public Tensor LogSoftmax(Tensor a, long dim) => W(F.log_softmax(Up(a), dim));

    // ---- shape ----

    /// <inheritdoc />
    public Tensor Reshape(Tensor a, ReadOnlySpan<long> shape) => W(N(a).reshape(ShapeRules.Reshape(a.Shape, shape)));
    /// <inheritdoc />
    public Tensor Permute(Tensor a, ReadOnlySpan<long> dims) => W(N(a).permute(Dims(dims)));
    /// <inheritdoc />
    public Tensor Flatten(Tensor a, long startDim = 0, long endDim = -1) => W(N(a).flatten(startDim, endDim));
    /// <inheritdoc />
    public Tensor Cat(IReadOnlyList<Tensor> tensors, long dim)
    {
        ShapeRules.Cat([.. tensors.Select(t => t.Shape)], dim);
        return W(torch.cat(tensors.Select(N).ToArray(), dim));
    }
    /// <inheritdoc />
    public Tensor Narrow(Tensor a, long dim, long start, long length)
    {
        ShapeRules.CheckNarrow(a.Shape, dim, start, length);
        return W(N(a).narrow(dim, start, length));
    }

    // ---- neural ----

    /// <summary>
    /// Convolution. On CPU it always runs channels-last: libtorch 2.10's NCHW path reorders activations into oneDNN's
    /// channel-blocked layout (channels padded to a multiple of 16) without reliably zeroing the padding, so stale NaNs
    /// in reused memory poison whole outputs (fp32: intermittent, then persistent, see ConvolutionPaddingTests; bf16: wrong
    /// values when C_out is not a multiple of 16, see Bf16ConvolutionTests). The NHWC path has no padding and is faster.
    /// A 1×1 convolution with stride s reads only every s-th pixel, so it runs as subsampling then a stride-1 convolution:
    /// libtorch 2.10's backward of strided 1×1 convolutions on channels-last CPU input corrupts the heap.
    /// Under a mixed-precision policy the operands are first cast to the compute dtype.
    /// </summary>
    public Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, int stride = 1, int padding = 0, int dilation = 1, int groups = 1)
    {
        ShapeRules.Conv2d(input.Shape, weight.Shape, bias is null ? default : bias.Shape, bias is not null, stride, padding, dilation, groups);
        var x = Low(N(input));
        var w = Low(N(weight));
        if (x.device_type == DeviceType.CPU && x.dim() == 4 && !IsChannelsLast(x))
            x = x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        if (stride > 1 && padding == 0 && w.shape[2] == 1 && w.shape[3] == 1)
        {
            x = x[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(null, null, stride), TensorIndex.Slice(null, null, stride)];
            stride = 1;
        }
        return W(F.conv2d(x, w, bias is null ? null : Low(N(bias)), [stride, stride], [padding, padding], [dilation, dilation], groups));
    }

    private static bool IsChannelsLast(TT x)
    {
        var st = x.stride();
        return st[1] == 1 && (x.shape[1] == 1 || st[3] == x.shape[1]);
    }

    /// <inheritdoc />
    public Tensor GlobalAveragePool2d(Tensor input) => W(Up(input).mean([2L, 3L], keepdim: true));

    /// <inheritdoc />
    public Tensor AdaptiveAveragePool2d(Tensor input, int outputHeight, int outputWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputWidth, 1);
        return W(F.adaptive_avg_pool2d(Up(input), [outputHeight, outputWidth]));
    }

    /// <inheritdoc />
    public Tensor MaxPool2d(Tensor input, int kernel, int stride, int padding = 0) =>
        W(F.max_pool2d(N(input), [kernel, kernel], [stride, stride], [padding, padding]));

    /// <summary>
    /// Batch norm in the input's dtype. Half activations with float32 parameters and running buffers use libtorch's
    /// mixed-type CPU kernel: statistics are accumulated and the buffers updated in float32, only the output is half.
    /// </summary>
    public Tensor BatchNorm(Tensor input, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum, double eps) =>
        W(F.batch_norm(N(input), runningMean is null ? null : N(runningMean), runningVar is null ? null : N(runningVar),
            weight is null ? null : N(weight), bias is null ? null : N(bias), training, momentum, eps));

    /// <inheritdoc />
    public Tensor Linear(Tensor input, Tensor weight, Tensor? bias)
    {
        ShapeRules.CheckLinear(input.Shape, weight.Shape, bias is null ? default : bias.Shape, bias is not null);
        return W(F.linear(Low(N(input)), Low(N(weight)), bias is null ? null : Low(N(bias))));
    }

    /// <inheritdoc />
    public Tensor CrossEntropy(Tensor logits, Tensor targets) => W(F.cross_entropy(Up(logits), N(targets)));

    /// <summary>
    /// Channels-last is expressed by strides: permute to NHWC, make contiguous, permute back. TorchSharp 0.107 has no
    /// memory_format argument, but libtorch's convolutions pick their NHWC kernels from these strides.
    /// </summary>
    public Tensor ToMemoryFormat(Tensor input, MemoryFormat format)
    {
        var x = N(input);
        if (format == MemoryFormat.Contiguous) return W(x.contiguous());
        if (x.dim() != 4) throw new ArgumentException($"channels-last needs a 4-D tensor, got {input.ShapeText}");
        return W(x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2));
    }

    // ---- linear algebra ----

    /// <inheritdoc />
    public Tensor MatMul(Tensor a, Tensor b)
    {
        ShapeRules.CheckMatMul(a.Shape, b.Shape);
        return W(Low(N(a)).matmul(Low(N(b))));
    }
    /// <inheritdoc />
    public Tensor Transpose(Tensor a, long dim0, long dim1) => W(N(a).transpose(dim0, dim1));
    /// <inheritdoc />
    public Tensor L2Normalize(Tensor a, long dim, double eps = 1e-12) => W(F.normalize(Up(a), 2.0, dim, eps));

    // ---- autograd ----

    /// <inheritdoc />
    public void SetRequiresGrad(Tensor a, bool requiresGrad) => N(a).requires_grad_(requiresGrad);
    /// <inheritdoc />
    public bool RequiresGrad(Tensor a) => N(a).requires_grad;
    /// <inheritdoc />
    public void Backward(Tensor scalar)
    {
        try
        {
            N(scalar).backward();
        }
        finally
        {
            ReleaseCheckpointGradients();
        }
    }

    /// <inheritdoc />
    public Tensor? Grad(Tensor a)
    {
        var g = N(a).grad;
        return g is null ? null : W(g);
    }

    /// <inheritdoc />
    public void ZeroGrad(Tensor a)
    {
        var g = N(a).grad;
        if (g is not null)
        {
            using var _ = torch.no_grad();
            g.zero_();
        }
    }

    /// <inheritdoc />
    public Tensor Detach(Tensor a) => W(N(a).detach());
    /// <inheritdoc />
    public IDisposable NoGrad() => torch.no_grad();

    // ---- device ----

    /// <inheritdoc />
    public Tensor To(Tensor a, Seer.Toolkit.Tensors.Device device) =>
        a.Device == device ? a : W(N(a).to(TorchTypes.ToTorch(device)));

    /// <inheritdoc />
    public Tensor Cast(Tensor a, DType dtype) => a.DType == dtype ? a : W(N(a).to(TorchTypes.ToTorch(dtype)));

    /// <inheritdoc />
    public float[] ToFloatArray(Tensor a)
    {
        using var t = N(a).detach().to(ScalarType.Float32).cpu().contiguous();
        return t.data<float>().ToArray();
    }

    /// <inheritdoc />
    public double[] ToDoubleArray(Tensor a)
    {
        using var t = N(a).detach().to(ScalarType.Float64).cpu().contiguous();
        return t.data<double>().ToArray();
    }

    /// <inheritdoc />
    public byte[] ToBytes(Tensor a)
    {
        using var t = N(a).detach().cpu().contiguous();
        return t.bytes.ToArray();
    }

    /// <inheritdoc />
    public double Item(Tensor a) => N(a).to(ScalarType.Float64).item<double>();

    // ---- memory ----

    /// <inheritdoc />
    public IDisposable NewScope() => torch.NewDisposeScope();

    /// <inheritdoc />
    public Tensor Keep(Tensor a)
    {
        N(a).MoveToOuterDisposeScope();
        return a;
    }

    /// <inheritdoc />
    public Tensor Persist(Tensor a)
    {
        N(a).DetachFromDisposeScope();
        return a;
    }
}
