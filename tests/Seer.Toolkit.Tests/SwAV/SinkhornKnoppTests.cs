using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Tensors;
using static Seer.Toolkit.Tests.SwAV.SwAVReference;

namespace Seer.Toolkit.Tests.SwAV;

/// <summary>Sinkhorn-Knopp against a double-precision reference, its marginals, stability and the reducer hooks.</summary>
public class SinkhornKnoppTests
{
    private static readonly TorchBackend Backend = new();

    [Theory]
    [InlineData(0.05, 3)]
    [InlineData(0.03, 3)]
    [InlineData(0.05, 10)]
    public void Matches_a_double_precision_reference(double epsilon, int iterations)
    {
        var scores = Scores(6, 4);
        var expected = Flat(Sinkhorn(scores, epsilon, iterations));
        var q = new SinkhornKnopp(epsilon, iterations).Assign(Backend.FromArray(Flat(scores), [6, 4]));
        Assert.Equal(new long[] { 6, 4 }, q.Shape);
        Assert.Equal(DType.Float32, q.DType);
        var actual = q.ToDoubleArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-6, $"Q[{i / 4},{i % 4}]: {actual[i]:E9} vs reference {expected[i]:E9}");
    }

    [Fact]
    public void Each_sample_gets_a_distribution_and_prototypes_share_the_batch_equally()
    {
        // Exactly after the last column step: every row of the B×K result sums to 1. Column sums tend to B/K as the
        // iterations converge (swav's 3 iterations are only close), so they are checked after many iterations.
        var scores = Scores(6, 4);
        var q = Matrix(new SinkhornKnopp(0.05, 3).Assign(Backend.FromArray(Flat(scores), [6, 4])).ToDoubleArray(), 6, 4);
        for (int i = 0; i < 6; i++) Assert.Equal(1.0, Enumerable.Range(0, 4).Sum(j => q[i, j]), 1e-6);

        var converged = Matrix(new SinkhornKnopp(0.5, 200).Assign(Backend.FromArray(Flat(scores), [6, 4])).ToDoubleArray(), 6, 4);
        for (int i = 0; i < 6; i++) Assert.Equal(1.0, Enumerable.Range(0, 4).Sum(j => converged[i, j]), 1e-6);
        for (int j = 0; j < 4; j++) Assert.Equal(6.0 / 4, Enumerable.Range(0, 6).Sum(i => converged[i, j]), 1e-4);
    }

    [Fact]
    public void Max_subtraction_survives_huge_logits_and_changes_nothing_where_both_are_finite()
    {
        // scores/ε ≈ 1000: exp overflows float32 without the shift.
        var huge = Scores(6, 4);
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 4; j++)
                huge[i, j] = 50 + huge[i, j];
        var stable = new SinkhornKnopp(0.05, 3).Assign(Backend.FromArray(Flat(huge), [6, 4])).ToDoubleArray();
        Assert.All(stable, v => Assert.True(double.IsFinite(v)));
        var unshifted = new SinkhornKnopp(0.05, 3, subtractMax: false).Assign(Backend.FromArray(Flat(huge), [6, 4])).ToDoubleArray();
        Assert.Contains(unshifted, v => !double.IsFinite(v));
        // the shift cancels in Q /= ΣQ: the codes of the moderate scores underneath, up to float32 rounding of 50 + s
        var moderate = new SinkhornKnopp(0.05, 3).Assign(Backend.FromArray(Flat(Scores(6, 4)), [6, 4])).ToDoubleArray();
        for (int i = 0; i < stable.Length; i++) Assert.Equal(moderate[i], stable[i], 1e-3);

        var scores = Backend.FromArray(Flat(Scores(6, 4)), [6, 4]);
        var with = new SinkhornKnopp(0.05, 3).Assign(scores).ToDoubleArray();
        var without = new SinkhornKnopp(0.05, 3, subtractMax: false).Assign(scores).ToDoubleArray();
        for (int i = 0; i < with.Length; i++) Assert.Equal(without[i], with[i], 1e-6);
    }

    [Fact]
    public void Runs_without_gradient_on_half_precision_input_in_and_out_of_scopes()
    {
        var scores = Backend.FromArray(Flat(Scores(6, 4)), [6, 4]).Cast(DType.BFloat16);
        Backend.SetRequiresGrad(scores, true);
        var q = new SinkhornKnopp().Assign(scores);
        Assert.False(Backend.RequiresGrad(q));
        Assert.Equal(DType.Float32, q.DType);
        Assert.All(q.ToDoubleArray(), v => Assert.True(double.IsFinite(v)));
        double[] inScope;
        using (Backend.NewScope()) inScope = new SinkhornKnopp().Assign(scores).ToDoubleArray();
        Assert.Equal(q.ToDoubleArray(), inScope);
    }

    [Fact]
    public void Sums_and_the_max_go_through_the_reducer()
    {
        var reducer = new CountingReducer();
        new SinkhornKnopp(0.05, 3, reducer).Assign(Backend.FromArray(Flat(Scores(6, 4)), [6, 4]));
        Assert.Equal(1, reducer.Maxes);
        Assert.Equal(1 + 3, reducer.Sums);           // ΣQ, then one row-sum per iteration
        Assert.Equal(6, reducer.LastLocalBatch);
    }

    /// <summary>A reducer that only counts calls (a one-rank "world").</summary>
    private sealed class CountingReducer : ISinkhornReducer
    {
        public int Sums, Maxes;
        public long LastLocalBatch;
        public void AllReduceSum(Tensor t) => Sums++;
        public void AllReduceMax(Tensor t) => Maxes++;
        public long GlobalBatchSize(long localBatchSize) => LastLocalBatch = localBatchSize;
    }
}
