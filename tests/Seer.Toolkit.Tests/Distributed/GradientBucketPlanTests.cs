using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Tests.Distributed;

public class GradientBucketPlanTests
{
    [Theory]
    [InlineData(new long[] { 10, 3, 25, 0, 7 }, 32)]
    [InlineData(new long[] { 1, 1, 1 }, 4)]
    [InlineData(new long[] { 100 }, 12)]
    [InlineData(new long[] { }, 40)]
    public void EveryElementLandsInExactlyOneBucketInOrder(long[] parts, int bucketBytes)
    {
        var plan = new GradientBucketPlan(parts, bucketBytes);
        int capacity = bucketBytes / sizeof(float);
        Assert.Equal(capacity, plan.BucketElements);
        var next = new long[parts.Length];          // next element expected from each part
        int lastPart = 0;
        for (int b = 0; b < plan.Buckets.Count; b++)
        {
            int offset = 0;
            foreach (var s in plan.Buckets[b])
            {
                Assert.True(s.Part >= lastPart, "parts are visited in order");
                Assert.Equal(next[s.Part], s.PartOffset);
                Assert.Equal(offset, s.BucketOffset);
                Assert.True(s.Length > 0);
                next[s.Part] += s.Length;
                offset += s.Length;
                lastPart = s.Part;
            }
            Assert.True(offset <= capacity, $"bucket {b} holds {offset} > {capacity}");
            if (b < plan.Buckets.Count - 1) Assert.Equal(capacity, offset);
            Assert.Equal(offset, plan.Fill(b));
        }
        Assert.Equal(parts, next);
        Assert.Equal((int)Math.Ceiling(parts.Sum() / (double)capacity), plan.Buckets.Count);
    }

    [Fact]
    public void APartLargerThanABucketSpansSeveral()
    {
        var plan = new GradientBucketPlan([2, 10], bucketBytes: 16);     // 4 elements per bucket
        Assert.Equal(3, plan.Buckets.Count);
        Assert.Equal([new BucketSegment(0, 0, 0, 2), new BucketSegment(1, 0, 2, 2)], plan.Buckets[0]);
        Assert.Equal([new BucketSegment(1, 2, 0, 4)], plan.Buckets[1]);
        Assert.Equal([new BucketSegment(1, 6, 0, 4)], plan.Buckets[2]);
    }

    [Fact]
    public void ABucketSmallerThanOneElementIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GradientBucketPlan([4], bucketBytes: 3));
    }
}
