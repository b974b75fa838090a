namespace Seer.Toolkit.Distributed;

/// <summary>One contiguous run of a part's elements placed in a bucket.</summary>
/// <param name="Part">Index of the part (tensor) in the input order.</param>
/// <param name="PartOffset">First element taken from the part.</param>
/// <param name="BucketOffset">Where it goes in the bucket.</param>
/// <param name="Length">Number of elements.</param>
public readonly record struct BucketSegment(int Part, long PartOffset, int BucketOffset, int Length);

/// <summary>Where each part's elements go in a sequence of fixed-size buckets.</summary>
/// <remarks>
/// The parts (gradient tensors) laid end to end and cut into buckets of at most <see cref="BucketElements"/> elements;
/// a part larger than the room left continues in the next bucket. Pure: depends only on the part sizes.
/// </remarks>
public sealed class GradientBucketPlan
{
    /// <summary>Default bucket size in bytes (4 MiB), the size at which MPI all-reduce bandwidth levels off.</summary>
    public const int DefaultBucketBytes = 4 << 20;

    /// <summary>Capacity of one bucket in elements.</summary>
    public int BucketElements { get; }

    /// <summary>Element count of each part, in input order.</summary>
    public IReadOnlyList<long> PartElements { get; }

    /// <summary>The buckets, each a list of segments whose lengths add up to the bucket's fill.</summary>
    public IReadOnlyList<IReadOnlyList<BucketSegment>> Buckets { get; }

    /// <summary>Plans buckets of <paramref name="bucketBytes"/> for parts of <paramref name="partElements"/> elements of <paramref name="elementBytes"/> bytes.</summary>
    public GradientBucketPlan(IReadOnlyList<long> partElements, int bucketBytes = DefaultBucketBytes, int elementBytes = sizeof(float))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(elementBytes, 1);
        if (bucketBytes < elementBytes)
            throw new ArgumentOutOfRangeException(nameof(bucketBytes), bucketBytes, $"a bucket must hold at least one {elementBytes}-byte element");
        BucketElements = bucketBytes / elementBytes;
        PartElements = partElements.ToArray();
        var buckets = new List<IReadOnlyList<BucketSegment>>();
        var current = new List<BucketSegment>();
        int fill = 0;
        for (int part = 0; part < PartElements.Count; part++)
        {
            long size = PartElements[part];
            ArgumentOutOfRangeException.ThrowIfNegative(size);
            for (long offset = 0; offset < size;)
            {
                int take = (int)Math.Min(size - offset, BucketElements - fill);
                current.Add(new BucketSegment(part, offset, fill, take));
                fill += take;
                offset += take;
                if (fill == BucketElements)
                {
                    buckets.Add(current);
                    current = [];
                    fill = 0;
                }
            }
        }
        if (current.Count > 0) buckets.Add(current);
        Buckets = buckets;
    }

    /// <summary>Number of elements placed in bucket <paramref name="bucket"/>.</summary>
    public int Fill(int bucket) => Buckets[bucket].Sum(s => s.Length);
}
