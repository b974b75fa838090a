using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Tests.Distributed;

public class BucketedAllReduceTests
{
    private static readonly long[] Sizes = [5, 1_000, 37, 4_099, 1];

    /// <summary>Rank-, part- and element-dependent values whose float32 sums over a few ranks are exact.</summary>
    private static float Value(int rank, int part, int index) => (index % 97) * 0.25f + part * 11 - rank * 64;

    private static float[][] Parts(int rank, long[]? sizes = null) =>
        (sizes ?? Sizes).Select((n, p) => Enumerable.Range(0, (int)n).Select(i => Value(rank, p, i)).ToArray()).ToArray();

    private static float[][] PlainSum(int ranks, long[]? sizes = null)
    {
        var sum = Parts(0, sizes);
        for (int q = 1; q < ranks; q++)
        {
            var other = Parts(q, sizes);
            for (int p = 0; p < sum.Length; p++)
                for (int i = 0; i < sum[p].Length; i++) sum[p][i] += other[p][i];
        }
        return sum;
    }

    [Theory]
    [InlineData(2, 64)]           // 16 elements per bucket: most parts span several buckets
    [InlineData(3, 4096)]
    [InlineData(3, 1 << 20)]      // everything in one bucket
    public void HostPartsEqualThePlainSumOnEveryRank(int ranks, int bucketBytes)
    {
        var results = InProcessGroup.Run(ranks, g =>
        {
            var parts = Parts(g.Rank);
            var plan = new GradientBucketPlan(Sizes, bucketBytes);
            BucketedAllReduce.Run(g, parts.Select(a => (Memory<float>)a).ToArray(), plan);
            return parts;
        });
        var expected = PlainSum(ranks);
        foreach (var parts in results)
            for (int p = 0; p < expected.Length; p++) Assert.Equal(expected[p], parts[p]);
    }

    [Fact]
    public void PiecesOfAMebibyteOrMoreAreReducedInPlaceAndSmallOnesThroughTheBucket()
    {
        // 4 MiB buckets (1,048,576 floats): bucket 0 holds the 300,000 and 262,144 pieces (in place), the 5 and 7 pieces (one
        // message) and 486,420 of the last part (in place); bucket 1 holds the last part's other 113,580 (through the bucket)
        long[] sizes = [300_000, 5, BucketedAllReduce.InPlaceElements, 7, 600_000];
        var results = InProcessGroup.Run(2, g =>
        {
            var parts = Parts(g.Rank, sizes);
            BucketedAllReduce.Run(g, parts.Select(a => (Memory<float>)a).ToArray(), new GradientBucketPlan(sizes), average: true);
            return parts;
        });
        var expected = PlainSum(2, sizes);
        foreach (var parts in results)
            for (int p = 0; p < expected.Length; p++) Assert.Equal(expected[p].Select(v => v / 2), parts[p]);
    }

    [Fact]
    public void TensorsEqualThePlainSumAndAverageDividesByTheGroupSize()
    {
        const int ranks = 2;
        var backend = new TorchBackend();
        var results = InProcessGroup.Run(ranks, g =>
        {
            var parts = Parts(g.Rank);
            var summed = parts.Select(a => backend.FromArray(a, [a.Length])).ToList();
            var averaged = parts.Select(a => backend.FromArray(a, [a.Length])).ToList();
            BucketedAllReduce.Run(g, summed, bucketBytes: 256);
            BucketedAllReduce.Run(g, averaged, bucketBytes: 256, average: true);
            var values = (summed.Select(t => t.ToFloatArray()).ToArray(), averaged.Select(t => t.ToFloatArray()).ToArray());
            summed.Concat(averaged).ToList().ForEach(t => t.Dispose());
            return values;
        });
        var expected = PlainSum(ranks);
        foreach (var (summed, averaged) in results)
            for (int p = 0; p < expected.Length; p++)
            {
                Assert.Equal(expected[p], summed[p]);
                Assert.Equal(expected[p].Select(v => v / ranks).ToArray(), averaged[p]);
            }
    }

    [Fact]
    public void PartsThatDoNotMatchThePlanAreRejected()
    {
        var plan = new GradientBucketPlan([3, 4]);
        var error = Assert.Throws<ArgumentException>(() =>
            BucketedAllReduce.Run(new SingleProcessGroup(), [new float[3], new float[5]], plan));
        Assert.Contains("part 1", error.Message);
    }

    [Fact]
    public void NonFloat32TensorsAreRejected()
    {
        var backend = new TorchBackend();
        using var t = backend.FromArray([1.0, 2.0], [2]);
        Assert.Throws<ArgumentException>(() => BucketedAllReduce.Run(new SingleProcessGroup(), [t]));
    }
}
