using System.Text.Json;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Tests.Cli;

namespace Seer.Toolkit.Tests.Evaluation;

/// <summary>The weighted kNN against a brute-force double-precision reference written here, and through the CLI.</summary>
public class KnnClassifierTests
{
    private readonly TorchBackend _backend = new();

    private static FeatureSet Noisy(int n, int dim, int classes, double spread, int seed)
    {
        var rng = new Random(seed);
        var x = new float[n * dim];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.Next(classes);
            for (int j = 0; j < dim; j++) x[i * dim + j] = (float)((j % classes == y[i] ? 1.0 : 0.0) + spread * (rng.NextDouble() - 0.5));
        }
        return new FeatureSet(x, y, dim);
    }

    /// <summary>Reference: cosine similarities in double, full sort (ties by row), votes Σ exp(s/τ), rank of the label.</summary>
    private static (double Top1, double Top5) Reference(FeatureSet train, FeatureSet test, int classes, int k, double t)
    {
        double[] Unit(FeatureSet f, int i)
        {
            var v = Enumerable.Range(0, f.Dim).Select(j => (double)f.Features[i * f.Dim + j]).ToArray();
            double norm = Math.Sqrt(v.Sum(a => a * a));
            return [.. v.Select(a => a / norm)];
        }
        var bank = Enumerable.Range(0, train.Count).Select(i => Unit(train, i)).ToArray();
        int top1 = 0, top5 = 0;
        for (int i = 0; i < test.Count; i++)
        {
            var q = Unit(test, i);
            var sims = bank.Select((b, r) => (Sim: b.Zip(q).Sum(p => p.First * p.Second), Row: r))
                .OrderByDescending(s => s.Sim).ThenBy(s => s.Row).Take(k);
            var votes = new double[classes];
            foreach (var (sim, row) in sims) votes[train.Labels[row]] += Math.Exp(sim / t);
            int better = votes.Count(v => v > votes[test.Labels[i]]);
            if (better == 0) top1++;
            if (better < 5) top5++;
        }
        return (100.0 * top1 / test.Count, 100.0 * top5 / test.Count);
    }

    [Fact]
    public void Matches_the_brute_force_reference_on_overlapping_classes()
    {
        var train = Noisy(400, 12, 8, 2.5, 1);
        var test = Noisy(150, 12, 8, 2.5, 2);
        var r = KnnClassifier.Run(_backend, train, test, 8, new KnnOptions { BlockRows = 64 });
        var (top1, top5) = Reference(train, test, 8, 20, 0.07);
        Assert.InRange(top1, 20, 95);                    // overlapping on purpose: neither trivial nor hopeless
        Assert.Equal(top1, r.Top1, 6);
        Assert.Equal(top5, r.Top5, 6);
        Assert.Equal((400, 150), (r.TrainCount, r.TestCount));
    }

    [Fact]
    public void Confusion_matrix_diagonal_is_the_top1_count()
    {
        var train = Noisy(300, 12, 5, 2.5, 3);
        var test = Noisy(120, 12, 5, 2.5, 4);
        var trace = new EvalTrace();
        var r = KnnClassifier.Run(_backend, train, test, 5, new KnnOptions(), trace);
        Assert.Equal(120, trace.Confusion!.Total);
        Assert.Equal(r.Top1, 100.0 * Enumerable.Range(0, 5).Sum(c => trace.Confusion[c, c]) / 120, 6);
        Assert.Empty(trace.Epochs);
    }

    [Fact]
    public void Top_k_selection_keeps_the_k_largest_with_earlier_rows_winning_ties()
    {
        var rng = new Random(3);
        var sims = Enumerable.Range(0, 500).Select(_ => (float)Math.Round(rng.NextDouble(), 2)).ToArray();
        var best = new (float Sim, int Row)[20];
        Assert.Equal(20, KnnClassifier.TopK(sims, best));
        var expected = sims.Select((s, r) => (Sim: s, Row: r)).OrderByDescending(p => p.Sim).ThenBy(p => p.Row).Take(20).ToHashSet();
        Assert.Equal(expected, best.ToHashSet());
        Assert.Equal(3, KnnClassifier.TopK(sims.AsSpan(0, 3), best));
    }

    [Fact]
    public void Defaults_are_the_published_protocol()
    {
        var o = new KnnOptions();
        Assert.Equal((20, 0.07), (o.K, o.Temperature));   // k = 20, τ = 0.07 (Wu et al. 2018; DINO's kNN evaluation)
        Assert.Throws<ArgumentException>(() => (o with { K = 0 }).Validate());
        Assert.Throws<ArgumentException>(() => (o with { Temperature = 0 }).Validate());
    }

    [Fact]
    public void Cli_knn_on_fashion_mnist_pixels_prints_the_protocol_json()
    {
        var (exit, output, error) = CliRunner.Run("eval", "knn", "--checkpoint", "pixels", "--dataset", "fashion-mnist", "--train-limit", "3000", "--json");
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("knn", root.GetProperty("protocol").GetString());
        Assert.Equal("fashion-mnist", root.GetProperty("dataset").GetString());
        Assert.Equal((3000, 10000), (root.GetProperty("train_images").GetInt32(), root.GetProperty("test_images").GetInt32()));
        Assert.InRange(root.GetProperty("top1").GetDouble(), 70, 92);   // kNN on raw pixels: ~85 % with all 60k, lower with 3k
        Assert.True(root.GetProperty("top5").GetDouble() >= root.GetProperty("top1").GetDouble());
    }
}

/// <summary>Non-finite features (an overflowed or NaN trunk) are refused by name instead of being scored.</summary>
public class NonFiniteFeatureTests
{
    private readonly TorchBackend _backend = new();

    [Fact]
    public void Probes_refuse_non_finite_features_naming_the_row()
    {
        var train = new FeatureSet([1f, 0f, 0f, 1f, 1f, 0f, 0f, 1f], [0, 1, 0, 1], 2);
        var test = new FeatureSet([1f, 0f, float.NaN, 1f], [0, 1], 2);
        var linear = Assert.Throws<ArgumentException>(() => LinearProbe.Run(_backend, train, test, 2, new LinearProbeOptions { Epochs = 1 }));
        Assert.Contains("1 non-finite feature values (first in row 1)", linear.Message);
        var knn = Assert.Throws<ArgumentException>(() => KnnClassifier.Run(_backend, train, test, 2, new KnnOptions { K = 2 }));
        Assert.Contains("non-finite", knn.Message);
    }
}
