using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Optim;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>The cached-feature probe with BN before the linear layer (VISSL eval_mlp): y = W·BN(x̂) + b, batch statistics while training, running ones at test.</summary>
public static partial class LinearProbe
{
    private static ProbeResult RunWithBatchNorm(IBackend backend, FeatureSet train, FeatureSet test, int classes, LinearProbeOptions options, EvalTrace? trace)
    {
        var (mean, std) = Standardisation(train);
        int n = train.Count;
        var head = new ProbeHead(train.Dim, classes, batchNorm: true).Materialize(backend, options.Seed);
        var sgd = new LarsSgd(head.NamedParameters("head"), new LarsSgdOptions { Lars = false, Momentum = options.Momentum, WeightDecay = options.WeightDecay });
        long stepsPerEpoch = (n + options.BatchSize - 1) / options.BatchSize, step = 0;
        var schedule = new CosineSchedule(LearningRateScaling.Scale(options.LearningRate, options.BatchSize), stepsPerEpoch * options.Epochs);
        var order = Enumerable.Range(0, n).ToArray();
        var rng = new Random(unchecked((int)options.Seed));
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            head.SetTraining(true);
            double lossSum = 0, firstLr = schedule.At(step);
            for (int start = 0; start < n; start += options.BatchSize, step++)
            {
                int m = Math.Min(options.BatchSize, n - start);
                if (m < 2) continue;                                                 // BN needs two rows for a batch variance
                using var scope = backend.NewScope();
                var (x, y) = Batch(backend, train, order.AsSpan(start, m), mean, std);
                var loss = backend.CrossEntropy(head.Forward(x), y);
                loss.Backward();
                sgd.LearningRate = schedule.At(step);
                sgd.Step();
                sgd.ZeroGrad();
                if (trace is not null) lossSum += loss.Item() * m;
            }
            head.SetTraining(false);
            if (trace is not null)
            {
                var trainScore = Evaluate(backend, (bx, _) => head.Forward(bx), train, mean, std, n, null);
                trace.Epochs.Add(new EpochRecord(epoch + 1, lossSum / n, trainScore.Top1, null, firstLr));
            }
        }
        head.SetTraining(false);
        var result = Evaluate(backend, (x, _) => head.Forward(x), test, mean, std, n, trace);
        if (trace is { Epochs.Count: > 0 }) trace.Epochs[^1] = trace.Epochs[^1] with { TestTop1 = result.Top1 };
        return result;
    }
}
