using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Optim;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// Online evaluation during pretraining (solo-learn's online kNN and stop-gradient linear head): pooled trunk features in
/// evaluation mode without gradient (the trunk's mode is restored, BN statistics untouched) of a held-out labelled set →
/// kNN top-1, and one SGD pass of a persistent BN + linear head on the training features → its top-1 on the test features.
/// </summary>
public sealed class OnlineMonitor
{
    private readonly IBackend _backend;
    private readonly LabeledSplits _data;
    private readonly int _side;
    private readonly float[] _mean, _std;
    private readonly OnlineMonitorOptions _o;
    private readonly ProbeHead _head;
    private readonly LarsSgd _sgd;
    private readonly Random _shuffle;
    private readonly int _width;
    private const int Batch = 256;

    /// <summary>Monitors on <paramref name="data"/> (its first train/test images per the options) at input side <paramref name="side"/>.</summary>
    public OnlineMonitor(IBackend backend, LabeledSplits data, int featureWidth, int side, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, OnlineMonitorOptions options, long seed)
    {
        _o = options.Validate();
        _backend = backend;
        _data = data with
        {
            Train = data.Train.Select([.. Enumerable.Range(0, Math.Min(options.TrainImages, data.Train.Count))]),
            Test = data.Test.Select([.. Enumerable.Range(0, Math.Min(options.TestImages, data.Test.Count))]),
        };
        _side = side;
        _width = featureWidth;
        (_mean, _std) = (mean.ToArray(), std.ToArray());
        _head = new ProbeHead(featureWidth, data.Classes, batchNorm: true).Materialize(backend, seed);
        _sgd = new LarsSgd(_head.NamedParameters("monitor"), new LarsSgdOptions { Lars = false, Momentum = 0.9, WeightDecay = 0 },
            LearningRateScaling.Scale(options.LearningRate, Batch));
        _shuffle = new Random(unchecked((int)seed));
    }

    /// <summary>Opens the options' dataset (errors name it) for a trunk of <paramref name="featureWidth"/> channels.</summary>
    public static OnlineMonitor Open(IBackend backend, OnlineMonitorOptions options, int featureWidth, int side, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, long seed) =>
        new(backend, LabeledDatasets.Open(options.Validate().Dataset), featureWidth, side, mean, std, options, seed);

    /// <summary>The dataset's name.</summary>
    public string Dataset => _data.Name;

    /// <summary>kNN and linear-head top-1 (%) of <paramref name="trunk"/> now; NaN when its features are not finite.</summary>
    public (double KnnTop1, double LinearTop1) Measure(RegNetModel trunk)
    {
        if (trunk.FeatureWidth != _width) throw new ArgumentException($"online monitor: the trunk has {trunk.FeatureWidth} feature channels, the monitor's head {_width}");
        FeatureSet train, test;
        try
        {
            train = FeatureExtraction.Trunk(trunk, _backend, _data.Train, _side, _mean, _std).Validate();
            test = FeatureExtraction.Trunk(trunk, _backend, _data.Test, _side, _mean, _std).Validate();
        }
        catch (ArgumentException)
        {
            return (double.NaN, double.NaN);                                  // a diverging trunk is the trainer's to report
        }
        double knn = KnnClassifier.Run(_backend, train, test, _data.Classes, new KnnOptions { K = _o.K, Temperature = _o.Temperature }).Top1;
        TrainHead(train);
        return (knn, ScoreHead(test));
    }

    /// <summary>One shuffled pass of SGD on the head over detached features (no gradient reaches the trunk).</summary>
    private void TrainHead(FeatureSet train)
    {
        var order = Enumerable.Range(0, train.Count).ToArray();
        _shuffle.Shuffle(order);
        _head.SetTraining(true);
        for (int start = 0; start + 1 < order.Length; start += Batch)
        {
            var rows = order.AsSpan(start, Math.Min(Batch, order.Length - start)).ToArray();
            using var scope = _backend.NewScope();
            var set = train.SelectRows(rows);
            var x = _backend.FromArray(set.Features, [rows.Length, train.Dim]);
            var y = _backend.FromArray(set.Labels.Select(l => (long)l).ToArray(), [rows.Length]);
            _backend.CrossEntropy(_head.Forward(x), y).Backward();
            _sgd.Step();
            _sgd.ZeroGrad();
        }
        _head.SetTraining(false);
    }

    private double ScoreHead(FeatureSet test)
    {
        using var noGrad = _backend.NoGrad();
        using var scope = _backend.NewScope();
        var logits = _head.Forward(_backend.FromArray(test.Features, [test.Count, test.Dim])).ToFloatArray();
        int correct = 0;
        for (int i = 0; i < test.Count; i++)
            if (ConfusionMatrix.ArgMax(logits.AsSpan(i * _data.Classes, _data.Classes)) == test.Labels[i]) correct++;
        return 100.0 * correct / test.Count;
    }
}
