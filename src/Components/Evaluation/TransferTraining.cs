using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Optim;
using Seer.Toolkit.Tensors;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// Trains a new linear head (optionally BN first) on a trunk's pooled features of labelled images, the trunk frozen
/// (linear probe on images) or trained end to end (fine-tuning, low-shot): cross-entropy, PyTorch SGD per parameter
/// group (trunk, head) at <see cref="FineTuneOptions.ScheduleFor"/>; scored on the evaluation transform (centre crop).
/// </summary>
public static class TransferTraining
{
    /// <summary>Trains on <paramref name="train"/> and reports top-1/top-5 on <paramref name="test"/>; the trunk's mode is restored after.</summary>
    public static ProbeResult Run(IBackend backend, RegNetModel trunk, ILabeledImages train, ILabeledImages test, int side,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> std, FineTuneOptions options, EvalTrace? trace = null)
    {
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        if (train.Count == 0) throw new ArgumentException($"no training images in {train.Name}");
        int classes = train.Classes;
        float[] meanArray = mean.ToArray(), stdArray = std.ToArray();
        var head = new ProbeHead(trunk.FeatureWidth, classes, options.HeadBatchNorm).Materialize(backend, options.Seed);
        var sgd = new LarsSgdOptions { Lars = false, Momentum = options.Momentum, WeightDecay = options.WeightDecay };
        var headOptimizer = new LarsSgd(head.NamedParameters("head"), sgd);
        var trunkOptimizer = options.FreezeTrunk ? null : new LarsSgd(trunk.NamedParameters("trunk"), sgd);
        long stepsPerEpoch = (train.Count + options.BatchSize - 1) / options.BatchSize;
        var headRate = options.ScheduleFor(options.HeadLearningRate, stepsPerEpoch);
        var trunkRate = options.ScheduleFor(options.TrunkLearningRate, stepsPerEpoch);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var shuffle = new Random(unchecked((int)options.Seed));
        bool wasTraining = trunk.IsTraining;
        long step = 0;
        int used = 0;
        ProbeResult? last = null;
        try
        {
            for (int epoch = 0; epoch < options.Epochs; epoch++)
            {
                shuffle.Shuffle(order);
                trunk.SetTraining(!options.FreezeTrunk && options.TrunkBatchNormTraining);
                head.SetTraining(true);
                double lossSum = 0, lr = headRate.At(step);
                int correct = 0, seen = 0;
                for (int start = 0; start < order.Length; start += options.BatchSize, step++)
                {
                    var rows = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start)).ToArray();
                    var images = LoadTrain(train, rows, side, epoch, meanArray, stdArray, options);
                    if (images.Count == 0) continue;
                    using var scope = backend.NewScope();
                    var (x, y, labels) = Stack(backend, train, images, side);
                    var logits = head.Forward(Features(backend, trunk, x, options.FreezeTrunk));
                    var loss = backend.CrossEntropy(logits, y);
                    loss.Backward();
                    headOptimizer.LearningRate = headRate.At(step);
                    headOptimizer.Step();
                    headOptimizer.ZeroGrad();
                    if (trunkOptimizer is not null)
                    {
                        trunkOptimizer.LearningRate = trunkRate.At(step);
                        trunkOptimizer.Step();
                        trunkOptimizer.ZeroGrad();
                    }
                    lossSum += loss.Item() * images.Count;
                    correct += CountCorrect(logits.Cast(DType.Float32).ToFloatArray(), labels, classes);
                    seen += images.Count;
                }
                if (epoch == 0) used = seen;
                bool lastEpoch = epoch == options.Epochs - 1;
                double? testTop1 = null;
                if (lastEpoch || options.TestEveryEpoch)
                {
                    last = Evaluate(backend, trunk, head, test, side, meanArray, stdArray, used, lastEpoch ? trace : null);
                    testTop1 = last.Top1;
                }
                trace?.Epochs.Add(new EpochRecord(epoch + 1, seen == 0 ? double.NaN : lossSum / seen, seen == 0 ? 0 : 100.0 * correct / seen, testTop1, lr));
            }
        }
        finally
        {
            trunk.SetTraining(wasTraining);
        }
        return last!;
    }

    /// <summary>Pooled trunk features; without gradient (and in whatever mode the trunk is in) when frozen.</summary>
    private static Tensor Features(IBackend backend, RegNetModel trunk, Tensor x, bool frozen)
    {
        if (!frozen) return trunk.ForwardFeatures(x);
        using var noGrad = backend.NoGrad();
        return trunk.ForwardFeatures(x);
    }

    /// <summary>Top-1/top-5 on the evaluation transform, trunk and head in evaluation mode; fills the trace's confusion matrix.</summary>
    private static ProbeResult Evaluate(IBackend backend, RegNetModel trunk, ProbeHead head, ILabeledImages test, int side,
        float[] mean, float[] std, int trainCount, EvalTrace? trace)
    {
        trunk.SetTraining(false);
        head.SetTraining(false);
        var confusion = new ConfusionMatrix(test.Classes);
        int top1 = 0, top5 = 0, counted = 0;
        using var noGrad = backend.NoGrad();
        for (int start = 0; start < test.Count; start += 256)
        {
            var rows = Enumerable.Range(start, Math.Min(256, test.Count - start)).ToArray();
            var images = Load(test, rows, img => Normalised(EvalTransform.Apply(img, side, test.EvalCrop), mean, std));
            if (images.Count == 0) continue;
            using var scope = backend.NewScope();
            var (x, _, labels) = Stack(backend, test, images, side);
            var logits = head.Forward(trunk.ForwardFeatures(x)).Cast(DType.Float32).ToFloatArray();
            int k = logits.Length / images.Count;
            for (int i = 0; i < images.Count; i++)
            {
                var row = logits.AsSpan(i * k, k);
                float target = row[labels[i]];
                int better = float.IsFinite(target) ? 0 : k;                        // a non-finite score never counts as correct
                foreach (var v in row) if (v > target || !float.IsFinite(v)) better++;
                if (better == 0) top1++;
                if (better < 5) top5++;
                confusion.AddScores(labels[i], row);
            }
            counted += images.Count;
        }
        if (counted == 0) throw new InvalidDataException($"no usable images in {test.Name}: all {test.Count} were skipped ({SkippedImages.Reasons(test)})");
        if (trace is not null) trace.Confusion = confusion;
        return new ProbeResult(100.0 * top1 / counted, 100.0 * top5 / counted, trainCount, counted);
    }

    private static int CountCorrect(float[] logits, int[] labels, int classes)
    {
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
            if (ConfusionMatrix.ArgMax(logits.AsSpan(i * classes, classes)) == labels[i]) correct++;
        return correct;
    }

    private static List<(int Row, ImageF Image)> LoadTrain(ILabeledImages data, int[] rows, int side, int epoch, float[] mean, float[] std, FineTuneOptions o) =>
        Load(data, rows, (img, row) => o.Augment
            ? TrainTransform.Apply(img, side, o.CropScaleMin, o.Seed, epoch, row, mean, std)
            : Normalised(EvalTransform.Apply(img, side, data.EvalCrop), mean, std));

    private static List<(int Row, ImageF Image)> Load(ILabeledImages data, int[] rows, Func<ImageF, ImageF> transform) =>
        Load(data, rows, (img, _) => transform(img));

    /// <summary>Images <paramref name="rows"/> decoded and transformed in parallel, unusable ones left out, in the given order.</summary>
    private static List<(int Row, ImageF Image)> Load(ILabeledImages data, int[] rows, Func<ImageF, int, ImageF> transform)
    {
        var loaded = new ImageF?[rows.Length];
        Parallel.For(0, rows.Length, i =>
        {
            var img = data.Load(rows[i]);
            if (img is not null) loaded[i] = transform(img, rows[i]);
        });
        var result = new List<(int, ImageF)>(rows.Length);
        for (int i = 0; i < rows.Length; i++)
            if (loaded[i] is { } img) result.Add((rows[i], img));
        return result;
    }

    private static ImageF Normalised(ImageF img, float[] mean, float[] std)
    {
        ColorOps.Normalize(img, mean, std);
        return img;
    }

    private static (Tensor X, Tensor Y, int[] Labels) Stack(IBackend backend, ILabeledImages data, List<(int Row, ImageF Image)> images, int side)
    {
        int per = 3 * side * side;
        var pixels = new float[images.Count * per];
        var labels = new int[images.Count];
        for (int i = 0; i < images.Count; i++)
        {
            images[i].Image.Data.CopyTo(pixels, i * per);
            labels[i] = data.Label(images[i].Row);
        }
        return (backend.FromArray(pixels, [images.Count, 3, side, side]), backend.FromArray(labels.Select(l => (long)l).ToArray(), [images.Count]), labels);
    }
}
