using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.SwAV;
using static Seer.Toolkit.Tests.SwAV.SwAVReference;

namespace Seer.Toolkit.Tests.Distributed;

/// <summary>
/// Distributed Sinkhorn-Knopp (swav distributed_sinkhorn): ranks holding consecutive slices of a batch get exactly the
/// rows that one process computes on the whole batch, and the rows of the double-precision reference.
/// </summary>
public class DistributedSinkhornTests
{
    private const int K = 5;

    [Theory]
    [InlineData(new[] { 4, 4 }, 0.05, 3)]
    [InlineData(new[] { 4, 4 }, 0.03, 10)]
    [InlineData(new[] { 3, 2, 3 }, 0.05, 3)]
    public void Ranks_with_slices_of_the_batch_get_the_rows_of_single_process_sinkhorn(int[] rowsPerRank, double epsilon, int iterations)
    {
        int total = rowsPerRank.Sum();
        var scores = Scores(total, K);
        var flat = Flat(scores);
        var single = new SinkhornKnopp(epsilon, iterations).Assign(new TorchBackend().FromArray(flat, [total, K])).ToDoubleArray();
        var reference = Flat(Sinkhorn(scores, epsilon, iterations));

        var perRank = InProcessGroup.Run(rowsPerRank.Length, g =>
        {
            var backend = new TorchBackend();                                 // one backend per rank, as one per process
            int first = rowsPerRank.Take(g.Rank).Sum(), rows = rowsPerRank[g.Rank];
            var mine = flat.AsSpan(first * K, rows * K).ToArray();
            var sinkhorn = new SinkhornKnopp(epsilon, iterations, new ProcessGroupSinkhornReducer(g));
            return sinkhorn.Assign(backend.FromArray(mine, [rows, K])).ToDoubleArray();
        });
        var gathered = perRank.SelectMany(r => r).ToArray();

        Assert.Equal(single.Length, gathered.Length);
        for (int i = 0; i < single.Length; i++)
        {
            Assert.True(Math.Abs(gathered[i] - single[i]) <= 1e-6, $"Q[{i / K},{i % K}]: distributed {gathered[i]:E9} vs single process {single[i]:E9}");
            Assert.True(Math.Abs(gathered[i] - reference[i]) <= 1e-6, $"Q[{i / K},{i % K}]: distributed {gathered[i]:E9} vs reference {reference[i]:E9}");
        }
    }

    [Fact]
    public void Local_sinkhorn_on_a_half_batch_differs_so_the_comparison_can_fail()
    {
        var scores = Flat(Scores(8, K));
        var backend = new TorchBackend();
        var whole = new SinkhornKnopp(0.05, 3).Assign(backend.FromArray(scores, [8, K])).ToDoubleArray();
        var half = new SinkhornKnopp(0.05, 3).Assign(backend.FromArray(scores.AsSpan(0, 4 * K).ToArray(), [4, K])).ToDoubleArray();
        Assert.True(half.Zip(whole).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    [Fact]
    public void The_global_batch_is_the_sum_of_the_local_ones()
    {
        var sizes = InProcessGroup.Run(3, g => new ProcessGroupSinkhornReducer(g).GlobalBatchSize(g.Rank + 2));
        Assert.All(sizes, n => Assert.Equal(2 + 3 + 4, n));
    }
}
