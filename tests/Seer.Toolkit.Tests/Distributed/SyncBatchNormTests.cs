using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Layers;
using Seer.Toolkit.Distributed;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.Distributed;

/// <summary>
/// SyncBatchNorm: ranks holding consecutive slices of a batch produce libtorch's plain batch norm on the whole batch —
/// outputs, input gradients, affine gradients (summed over ranks, as the gradient all-reduce does) and running statistics.
/// </summary>
public class SyncBatchNormTests
{
    private static readonly double[] Gamma = [1.5, 0.5, -0.7];
    private static readonly double[] Beta = [0.1, -0.2, 0.3];

    /// <summary>Deterministic values with a per-channel offset and spread.</summary>
    private static double[] Values(long count, double phase) =>
        [.. Enumerable.Range(0, (int)count).Select(i => 2.0 + Math.Sin(0.37 * i + phase) * (1 + (i % 3)) + 0.1 * Math.Cos(1.9 * i))];

    private sealed record Result(double[] Y, double[] XGrad, double[] WeightGrad, double[] BiasGrad, double[] RunningMean, double[] RunningVar);

    /// <summary>y = BN(x), L = Σ y ⊙ R, backward; <paramref name="normalize"/> is plain or synchronised batch norm.</summary>
    private static Result Run(TorchBackend backend, double[] x, double[] r, long[] shape,
        Func<Tensor, Tensor, Tensor, Tensor, Tensor, Tensor> normalize)
    {
        var input = backend.FromArray(x, shape);
        var weight = backend.FromArray(Gamma, [3]);
        var bias = backend.FromArray(Beta, [3]);
        foreach (var t in new[] { input, weight, bias }) backend.SetRequiresGrad(t, true);
        var runningMean = backend.Zeros([3], DType.Float64);
        var runningVar = backend.Full([3], 1, DType.Float64);
        var y = normalize(input, weight, bias, runningMean, runningVar);
        backend.Backward(backend.Sum(y * backend.FromArray(r, shape)));
        return new Result(y.ToDoubleArray(), backend.Grad(input)!.ToDoubleArray(), backend.Grad(weight)!.ToDoubleArray(),
            backend.Grad(bias)!.ToDoubleArray(), runningMean.ToDoubleArray(), runningVar.ToDoubleArray());
    }

    [Theory]
    [InlineData(new[] { 4, 4 }, 4)]          // [N, C, H, W], two equal halves
    [InlineData(new[] { 3, 2, 3 }, 2)]       // [N, C], three ranks of different sizes
    public void Ranks_with_slices_of_a_batch_match_plain_batch_norm_on_the_whole_batch(int[] rowsPerRank, int rank)
    {
        long[] Shape(long n) => rank == 4 ? [n, 3, 2, 3] : [n, 3];
        long perRow = Shape(1).Aggregate(1L, (a, b) => a * b);
        int total = rowsPerRank.Sum();
        var x = Values(total * perRow, 0.3);
        var r = Values(total * perRow, 1.1);
        var reference = Run(new TorchBackend(), x, r, Shape(total),
            (i, w, b, m, v) => i.Backend.BatchNorm(i, w, b, m, v, training: true, momentum: 0.1, eps: 1e-5));

        var ranks = InProcessGroup.Run(rowsPerRank.Length, g =>
        {
            int first = rowsPerRank.Take(g.Rank).Sum(), rows = rowsPerRank[g.Rank];
            var slice = (double[] a) => a.AsSpan((int)(first * perRow), (int)(rows * perRow)).ToArray();
            return Run(new TorchBackend(), slice(x), slice(r), Shape(rows),
                (i, w, b, m, v) => SyncBatchNorm.Forward(g, i, w, b, m, v, momentum: 0.1, eps: 1e-5));
        });

        AssertClose(reference.Y, ranks.SelectMany(q => q.Y), "y");
        AssertClose(reference.XGrad, ranks.SelectMany(q => q.XGrad), "∂L/∂x");
        AssertClose(reference.WeightGrad, Summed(ranks.Select(q => q.WeightGrad)), "∂L/∂γ (summed over ranks)");
        AssertClose(reference.BiasGrad, Summed(ranks.Select(q => q.BiasGrad)), "∂L/∂β (summed over ranks)");
        foreach (var q in ranks)
        {
            AssertClose(reference.RunningMean, q.RunningMean, "running_mean");
            AssertClose(reference.RunningVar, q.RunningVar, "running_var");
        }
    }

    [Fact]
    public void Float32_activations_far_from_zero_keep_float32_precision_in_the_statistics()
    {
        // channels with mean ≈ 1000 and spread ≈ 1: E[x²] − μ² in float32 would lose every digit of σ² (ulp(10⁶) = 0.06);
        // the reference is float64 batch norm on the same float32-rounded values, so only the computation differs
        const int rows = 6;
        var x = Values(2 * rows * 3 * 4, 0.5).Select((v, i) => (float)(1000 + i / 4 % 3 * 250 + v)).ToArray();   // channel = i / 4 mod 3
        var reference = new TorchBackend();
        var whole = reference.FromArray([.. x.Select(v => (double)v)], [2 * rows, 3, 2, 2]);
        var expected = reference.BatchNorm(whole, reference.FromArray(Gamma, [3]), reference.FromArray(Beta, [3]), null, null, true, 0.1, 1e-5)
            .ToDoubleArray();
        var halves = InProcessGroup.Run(2, g =>
        {
            var backend = new TorchBackend();
            var slice = backend.FromArray(x.AsSpan(g.Rank * rows * 12, rows * 12).ToArray(), [rows, 3, 2, 2]);
            var weight = backend.FromArray([.. Gamma.Select(v => (float)v)], [3]);
            var bias = backend.FromArray([.. Beta.Select(v => (float)v)], [3]);
            return SyncBatchNorm.Forward(g, slice, weight, bias, null, null, momentum: 0.1, eps: 1e-5).ToDoubleArray();
        });
        AssertClose(expected, halves.SelectMany(h => h), "y (float32)", 2e-6);
    }

    [Fact]
    public void Per_rank_statistics_differ_so_the_comparison_can_fail()
    {
        var x = Values(8 * 18, 0.3);
        var r = Values(8 * 18, 1.1);
        var whole = Run(new TorchBackend(), x, r, [8, 3, 2, 3], (i, w, b, m, v) => i.Backend.BatchNorm(i, w, b, m, v, true, 0.1, 1e-5));
        var half = Run(new TorchBackend(), x[..(4 * 18)], r[..(4 * 18)], [4, 3, 2, 3], (i, w, b, m, v) => i.Backend.BatchNorm(i, w, b, m, v, true, 0.1, 1e-5));
        Assert.True(half.Y.Zip(whole.Y).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
        Assert.True(half.XGrad.Zip(whole.XGrad).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    [Fact]
    public void Batch_norm_layers_attached_to_a_group_synchronise_and_groups_of_two_keep_their_own_statistics()
    {
        // 4 ranks in sync groups of 2: ranks {0, 1} normalise with the statistics of their two slices, {2, 3} with theirs.
        var x = Values(8 * 3 * 4, 0.7).Select(v => (float)v).ToArray();
        var outputs = InProcessGroup.Run(4, g =>
        {
            var backend = new TorchBackend();
            var bn = new BatchNorm2d(3).Materialize(backend, 0);
            bn.SetTraining(true);
            var group = SyncBatchNormGroups.Create(g, 2);
            Assert.Equal(1, SyncBatchNormGroups.Attach(bn, group));
            return bn.Forward(backend.FromArray(x.AsSpan(g.Rank * 2 * 12, 2 * 12).ToArray(), [2, 3, 2, 2])).ToFloatArray();
        });
        var reference = new TorchBackend();
        for (int pair = 0; pair < 2; pair++)
        {
            var plain = new BatchNorm2d(3).Materialize(reference, 0);
            plain.SetTraining(true);
            var expected = plain.Forward(reference.FromArray(x.AsSpan(pair * 4 * 12, 4 * 12).ToArray(), [4, 3, 2, 2])).ToFloatArray();
            AssertClose([.. expected.Select(v => (double)v)], outputs[2 * pair].Concat(outputs[2 * pair + 1]).Select(v => (double)v), $"pair {pair}", 1e-5);
        }
        Assert.Throws<ArgumentException>(() => SyncBatchNormGroups.Create(new SplitCounter(6), 4));
    }

    [Fact]
    public void Attaching_reaches_every_batch_norm_of_a_trunk_and_a_head()
    {
        var trunk = Seer.Toolkit.Components.RegNet.RegNet.FromPreset("regnety_micro", 0);
        var head = new Seer.Toolkit.Components.SwAV.SwAVHead([trunk.FeatureWidth, 32, 16], 10, true);
        foreach (IComponent model in new IComponent[] { trunk, head })
        {
            int runningMeans = 0;
            model.VisitBuffers("", (name, _) => runningMeans += name.EndsWith("running_mean", StringComparison.Ordinal) ? 1 : 0);
            Assert.True(runningMeans > 0);
            Assert.Equal(runningMeans, SyncBatchNormGroups.Attach(model, new SingleProcessGroup()));
        }
    }

    private static double[] Summed(IEnumerable<double[]> parts) =>
        parts.Aggregate((a, b) => [.. a.Zip(b, (p, q) => p + q)]);

    private static void AssertClose(double[] expected, IEnumerable<double> actual, string what, double tolerance = 1e-10)
    {
        var a = actual.ToArray();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(a[i] - expected[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"{what}[{i}]: {a[i]:E12} vs {expected[i]:E12}");
    }

    /// <summary>A stand-in world of <paramref name="size"/> ranks that only answers Size (group-size validation).</summary>
    private sealed class SplitCounter(int size) : IProcessGroup
    {
        public int Rank => 0;
        public int Size => size;
        public string Transport => "none";
        public TimeSpan CollectiveTimeout { get; set; } = Timeout.InfiniteTimeSpan;
        public void AllReduce<T>(Span<T> data, ReduceOp op) where T : unmanaged => throw new NotSupportedException();
        public void Broadcast<T>(Span<T> data, int root) where T : unmanaged => throw new NotSupportedException();
        public void AllGather<T>(ReadOnlySpan<T> send, Span<T> receive) where T : unmanaged => throw new NotSupportedException();
        public void Barrier() => throw new NotSupportedException();
        public IProcessGroup Split(int color, int key) => throw new NotSupportedException();
        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        public void Abort(int exitCode) => throw new NotSupportedException();
        public void Dispose() { }
    }
}
