using Seer.Toolkit.Backends;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Optim;

/// <summary>
/// SGD with momentum and weight decay under LARS/LARC (You et al. 2017; ClassyVision LARC): per parameter with ‖w‖, ‖g‖ ≠ 0,
/// a = η‖w‖ / (‖g‖ + λ‖w‖ + ε) (clip: a ← min(a / lr, 1)), g ← (g + λw)·a; then v ← μv + g, w ← w − lr·v as PyTorch SGD.
/// A zero norm leaves g unscaled and undecayed, as LARC. Updates Parameter.Value in place under no-grad.
/// </summary>
public sealed class LarsSgd
{
    /// <summary>Suffix of a momentum buffer's state name.</summary>
    public const string MomentumBufferSuffix = ".momentum_buffer";

    private readonly KeyValuePair<string, Parameter>[] _parameters;
    private readonly Dictionary<string, Tensor> _momentum = new(StringComparer.Ordinal);

    /// <summary>Optimises <paramref name="parameters"/> (dotted name → slot, e.g. from NamedParameters()).</summary>
    public LarsSgd(IEnumerable<KeyValuePair<string, Parameter>> parameters, LarsSgdOptions options, double learningRate = 0.1)
    {
        _parameters = [.. parameters];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in _parameters)
            if (!names.Add(name)) throw new ArgumentException($"duplicate parameter name '{name}'", nameof(parameters));
        if (options.Momentum < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Momentum, "momentum must be non-negative");
        if (options.WeightDecay < 0) throw new ArgumentOutOfRangeException(nameof(options), options.WeightDecay, "weight decay must be non-negative");
        Options = options;
        LearningRate = learningRate;
    }

    /// <summary>The hyperparameters.</summary>
    public LarsSgdOptions Options { get; }

    /// <summary>Global learning rate lr of the next <see cref="Step"/> (set it from a schedule each step).</summary>
    public double LearningRate { get; set; }

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var (_, p) in _parameters)
            if (p.IsMaterialized) p.Value.Backend.ZeroGrad(p.Value);
    }

    /// <summary>One update of every parameter that has a gradient; returns the trust ratio a applied to each.</summary>
    public IReadOnlyDictionary<string, double> Step()
    {
        var applied = new Dictionary<string, double>(StringComparer.Ordinal);
        var first = _parameters.FirstOrDefault(kv => kv.Value.IsMaterialized).Value;
        if (first is null) return applied;
        var backend = first.Value.Backend;
        using var noGrad = backend.NoGrad();
        using var scope = backend.NewScope();
        var active = _parameters.Where(kv => kv.Value.IsMaterialized && kv.Value.Value.Grad is not null).ToArray();
        var norms = Norms(backend, active);
        for (int i = 0; i < active.Length; i++)
        {
            var (name, slot) = active[i];
            var w = slot.Value;
            if (w.DType is not (DType.Float32 or DType.Float64))
                throw new InvalidOperationException($"parameter '{name}' is {w.DType}: LARS SGD keeps fp32 master weights");
            bool excluded = Excluded(w);
            double decay = excluded ? 0 : Options.WeightDecay;
            double adapt = 1;
            if (Options.Lars && !excluded)
            {
                var (wNorm, gNorm) = norms[name];
                if (wNorm != 0 && gNorm != 0)
                {
                    adapt = Options.TrustCoefficient * wNorm / (gNorm + decay * wNorm + Options.Eps);
                    if (Options.Clip) adapt = Math.Min(adapt / LearningRate, 1);
                }
                else decay = 0;                                                // LARC skips decay with a zero norm
            }
            Update(backend, name, w, decay, adapt);
            applied[name] = adapt;
        }
        return applied;
    }

    /// <summary>Momentum buffers as named tensors "{param}.momentum_buffer" (live references; copy before mutating).</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> ExportState() =>
        [.. _parameters.Where(kv => _momentum.ContainsKey(kv.Key)).Select(kv => new KeyValuePair<string, Tensor>(kv.Key + MomentumBufferSuffix, _momentum[kv.Key]))];

    /// <summary>Loads momentum buffers by name (copied); unknown names and shape mismatches are errors; absent ones start at zero.</summary>
    public void ImportState(IEnumerable<KeyValuePair<string, Tensor>> state)
    {
        var byName = _parameters.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var loaded = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, t) in state)
        {
            if (!key.EndsWith(MomentumBufferSuffix, StringComparison.Ordinal) || !byName.TryGetValue(key[..^MomentumBufferSuffix.Length], out var p))
                throw new ArgumentException($"optimizer state '{key}' names no parameter of this optimizer", nameof(state));
            if (!t.Shape.AsSpan().SequenceEqual(p.Shape))
                throw new ArgumentException($"optimizer state '{key}' has shape {t.ShapeText}, parameter is [{string.Join(", ", p.Shape)}]", nameof(state));
            var w = p.Value;
            using var noGrad = w.Backend.NoGrad();
            var copy = NewBuffer(w);
            w.Backend.CopyInPlace(copy, t);
            loaded[key[..^MomentumBufferSuffix.Length]] = copy;
        }
        foreach (var t in _momentum.Values) t.Dispose();
        _momentum.Clear();
        foreach (var (k, v) in loaded) _momentum[k] = v;
    }

    /// <summary>d = (g + λw)·a; v ← μv + d (v₀ = d); w ← w − lr·v (PyTorch SGD, dampening 0, no Nesterov).</summary>
    private void Update(IBackend backend, string name, Tensor w, double decay, double adapt)
    {
        using var scope = backend.NewScope();
        var g = w.Grad!;
        var d = decay != 0 ? g + w * decay : g;
        if (adapt != 1) d = d * adapt;
        if (Options.Momentum == 0)
        {
            backend.AddInPlace(w, d, -LearningRate);
            return;
        }
        if (!_momentum.TryGetValue(name, out var v))
        {
            v = NewBuffer(w);
            _momentum[name] = v;
        }
        backend.MulScalarInPlace(v, Options.Momentum);
        backend.AddInPlace(v, d);
        backend.AddInPlace(w, v, -LearningRate);
    }

    /// <summary>‖w‖₂ and ‖g‖₂ for every adapted parameter, read back from the device in one transfer.</summary>
    private Dictionary<string, (double W, double G)> Norms(IBackend backend, KeyValuePair<string, Parameter>[] active)
    {
        var result = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        if (!Options.Lars) return result;
        var adapted = active.Where(kv => !Excluded(kv.Value.Value)).ToArray();
        if (adapted.Length == 0) return result;
        using var scope = backend.NewScope();
        var squares = new List<Tensor>(2 * adapted.Length);
        foreach (var (_, p) in adapted)
        {
            var w = p.Value;
            var g = w.Grad!;
            squares.Add(backend.Reshape(backend.Cast(backend.Sum(w * w), DType.Float64), [1]));        // Σ w²
            squares.Add(backend.Reshape(backend.Cast(backend.Sum(g * g), DType.Float64), [1]));        // Σ g²
        }
        var host = backend.ToDoubleArray(backend.Cat(squares, 0));
        for (int i = 0; i < adapted.Length; i++) result[adapted[i].Key] = (Math.Sqrt(host[2 * i]), Math.Sqrt(host[2 * i + 1]));
        return result;
    }

    /// <summary>True for a 1-D parameter when 1-D parameters are excluded.</summary>
    private bool Excluded(Tensor w) => Options.ExcludeOneDimensional && w.Rank == 1;

    /// <summary>A persistent zero tensor shaped, typed and placed like <paramref name="w"/>.</summary>
    private static Tensor NewBuffer(Tensor w) =>
        w.Backend.Persist(w.Backend.To(w.Backend.Zeros(w.Shape, w.DType), w.Device));
}
