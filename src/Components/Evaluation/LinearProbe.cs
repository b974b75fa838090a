using Seer.Toolkit.Backends;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>Trains a linear classifier y = W·x̂ + b on standardised cached features with SGD + cosine decay.</summary>
public static partial class LinearProbe
{
    /// <summary>Fits on <paramref name="train"/>, reports accuracy on <paramref name="test"/>.</summary>
    public static ProbeResult Run(IBackend backend, FeatureSet train, FeatureSet test, int classes, LinearProbeOptions options, EvalTrace? trace = null)
    {
        FeatureSet.ValidatePair(train, test);
        if (options.BatchNorm) return RunWithBatchNorm(backend, train, test, classes, options, trace);
        var (mean, std) = Standardisation(train);
        int d = train.Dim, n = train.Count;
        var w = backend.Persist(backend.Zeros([classes, d]));
        var b = backend.Persist(backend.Zeros([classes]));
        backend.SetRequiresGrad(w, true);
        backend.SetRequiresGrad(b, true);
        var vw = backend.Persist(backend.Zeros([classes, d]));
        var vb = backend.Persist(backend.Zeros([classes]));
        int steps = options.Epochs * ((n + options.BatchSize - 1) / options.BatchSize), step = 0;
        double peak = options.LearningRate * options.BatchSize / 256.0;
        var order = Enumerable.Range(0, n).ToArray();
        var rng = new Random(unchecked((int)options.Seed));
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            double lossSum = 0, firstLr = 0.5 * peak * (1 + Math.Cos(Math.PI * step / steps));
            for (int start = 0; start < n; start += options.BatchSize, step++)
            {
                int m = Math.Min(options.BatchSize, n - start);
                using var scope = backend.NewScope();
                var (x, y) = Batch(backend, train, order.AsSpan(start, m), mean, std);
                var loss = backend.CrossEntropy(backend.Linear(x, w, b), y);
                loss.Backward();
                double lr = 0.5 * peak * (1 + Math.Cos(Math.PI * step / steps));   // cosine from peak to 0
                Update(backend, w, vw, options, lr);
                Update(backend, b, vb, options, lr);
                if (trace is not null) lossSum += loss.Item() * m;
            }
            if (trace is not null)
            {
                var trainScore = Evaluate(backend, (bx, _) => backend.Linear(bx, w, b), train, mean, std, n, null);
                trace.Epochs.Add(new EpochRecord(epoch + 1, lossSum / n, trainScore.Top1, null, firstLr));
            }
        }
        var result = Evaluate(backend, (x, _) => backend.Linear(x, w, b), test, mean, std, n, trace);
        if (trace is { Epochs.Count: > 0 }) trace.Epochs[^1] = trace.Epochs[^1] with { TestTop1 = result.Top1 };
        return result;
    }

    /// <summary>v ← μv + (g + λw); w ← w − lr·v (PyTorch SGD), then clears the gradient.</summary>
    private static void Update(IBackend backend, Tensor p, Tensor v, LinearProbeOptions o, double lr)
    {
        var g = backend.Grad(p)!;
        using var noGrad = backend.NoGrad();
        backend.MulScalarInPlace(v, o.Momentum);
        backend.AddInPlace(v, g);
        backend.AddInPlace(v, p, o.WeightDecay);
        backend.AddInPlace(p, v, -lr);
        backend.ZeroGrad(p);
    }

    /// <summary>Top-1/top-5 of <paramref name="classify"/> (standardised batch, row count → logits) on a feature set; fills the trace's confusion matrix.</summary>
    private static ProbeResult Evaluate(IBackend backend, Func<Tensor, int, Tensor> classify, FeatureSet test, float[] mean, float[] std, int trainCount, EvalTrace? trace)
    {
        int top1 = 0, top5 = 0;
        ConfusionMatrix? confusion = null;
        using var noGrad = backend.NoGrad();
        var all = Enumerable.Range(0, test.Count).ToArray();
        for (int start = 0; start < test.Count; start += 1024)
        {
            int m = Math.Min(1024, test.Count - start);
            using var scope = backend.NewScope();
            var (x, _) = Batch(backend, test, all.AsSpan(start, m), mean, std);
            var logits = classify(x, m).Cast(DType.Float32).ToFloatArray();
            int k = logits.Length / m;
            confusion ??= new ConfusionMatrix(k);
            for (int i = 0; i < m; i++)
            {
                var row = logits.AsSpan(i * k, k);
                float target = row[test.Labels[start + i]];
                int better = float.IsFinite(target) ? 0 : k;                        // a non-finite score never counts as correct
                foreach (var v in row) if (v > target || !float.IsFinite(v)) better++;
                if (better == 0) top1++;
                if (better < 5) top5++;
                confusion.AddScores(test.Labels[start + i], row);
            }
        }
        if (trace is not null) trace.Confusion = confusion;
        return new ProbeResult(100.0 * top1 / test.Count, 100.0 * top5 / test.Count, trainCount, test.Count);
    }

    private static (Tensor X, Tensor Y) Batch(IBackend backend, FeatureSet set, ReadOnlySpan<int> rows, float[] mean, float[] std)
    {
        int d = set.Dim;
        var x = new float[rows.Length * d];
        var y = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            var src = set.Features.AsSpan(rows[i] * d, d);
            for (int j = 0; j < d; j++) x[i * d + j] = (src[j] - mean[j]) / std[j];
            y[i] = set.Labels[rows[i]];
        }
        return (backend.FromArray(x, [rows.Length, d]), backend.FromArray(y, [rows.Length]));
    }

    /// <summary>Per-dimension mean and std (floored at 1e-6) of the training features.</summary>
    public static (float[] Mean, float[] Std) Standardisation(FeatureSet train)
    {
        int d = train.Dim, n = train.Count;
        var mean = new double[d];
        var sq = new double[d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                double v = train.Features[i * d + j];
                mean[j] += v;
                sq[j] += v * v;
            }
        var m = new float[d];
        var s = new float[d];
        for (int j = 0; j < d; j++)
        {
            m[j] = (float)(mean[j] / n);
            s[j] = (float)Math.Max(1e-6, Math.Sqrt(Math.Max(0, sq[j] / n - m[j] * (double)m[j])));
        }
        return (m, s);
    }
}
