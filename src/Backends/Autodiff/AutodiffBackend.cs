using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Autodiff;

/// <summary>
/// Reverse-mode autodiff as a decorator (burn's Autodiff&lt;B&gt;): every op runs on the inner backend and, while recording
/// is on and an input requires a gradient, appends a node whose backward rule is composed of the inner backend's own ops
/// (plus <see cref="IBackwardOps"/> for the gradients that are not compositions). The inner backend keeps no tape.
/// </summary>
public sealed partial class AutodiffBackend : IBackend, IDisposable
{
    private readonly IBackend _inner;
    private readonly IBackwardOps? _kernels;
    private long _sequence;
    private int _noGradDepth;

    /// <summary>Decorates <paramref name="inner"/>; its <see cref="IBackwardOps"/>, if any, supplies convolution, pooling and ReLU gradients.</summary>
    public AutodiffBackend(IBackend inner)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _kernels = inner as IBackwardOps;
    }

    /// <summary>The decorated backend.</summary>
    public IBackend Inner => _inner;

    /// <summary>The inner backend's name ("ilgpu"): configuration names the compute backend, not the decorator.</summary>
    public string Name => _inner.Name;

    /// <inheritdoc />
    public void ManualSeed(long seed) => _inner.ManualSeed(seed);

    /// <inheritdoc />
    public int Threads
    {
        get => _inner.Threads;
        set => _inner.Threads = value;
    }

    /// <summary>True while ops are recorded (no <see cref="NoGrad"/> region is open).</summary>
    private bool Recording => Volatile.Read(ref _noGradDepth) == 0;

    /// <summary>The inner tensor of one of this backend's tensors.</summary>
    internal Tensor U(Tensor t) => t switch
    {
        AutodiffTensor a when ReferenceEquals(a.Backend, this) => a.Inner,
        _ => throw new ArgumentException($"tensor from backend '{t.Backend.Name}' ({t.GetType().Name}) passed to the autodiff decorator of '{Name}'"),
    };

    private AutodiffTensor A(Tensor t) => t as AutodiffTensor is { } a && ReferenceEquals(a.Backend, this)
        ? a
        : throw new ArgumentException($"tensor from backend '{t.Backend.Name}' ({t.GetType().Name}) passed to the autodiff decorator of '{Name}'");

    /// <summary>An untracked tensor of this backend around an inner result.</summary>
    private AutodiffTensor Wrap(Tensor inner) => new(this, inner, null, Interlocked.Increment(ref _sequence));

    /// <summary>
    /// Wraps the inner result of <paramref name="op"/>; when recording and some input requires a gradient, the result
    /// carries a node with <paramref name="rule"/>.
    /// </summary>
    private AutodiffTensor Record(string op, Tensor innerResult, ReadOnlySpan<Tensor?> inputs, BackwardRule rule)
    {
        if (!Recording) return Wrap(innerResult);
        var parents = new AutodiffTensor?[inputs.Length];
        bool any = false;
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is AutodiffTensor { RequiresGradient: true } a)
            {
                parents[i] = a;
                any = true;
            }
        }
        return any ? new AutodiffTensor(this, innerResult, new TapeNode(op, parents, rule), Interlocked.Increment(ref _sequence)) : Wrap(innerResult);
    }

    /// <summary>The inner backend's backward kernels, or an error naming the op that needs them.</summary>
    private IBackwardOps Kernels(string op) => _kernels
        ?? throw new NotSupportedException($"autodiff: the gradient of {op} needs backward kernels (IBackwardOps), which backend '{Name}' does not provide");

    /// <summary>Releases the inner backend when it is disposable.</summary>
    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
