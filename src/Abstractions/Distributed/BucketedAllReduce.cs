using System.Buffers;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Distributed;

/// <summary>Gradient all-reduce in buckets of a few MB instead of one message per tensor.</summary>
/// <remarks>
/// Parts are flattened into one reusable buffer, each full bucket is summed across ranks, and the sums are scattered
/// back into the parts. A bucket that lies inside one part (a slice of a large tensor) is summed in place, without the
/// two copies.
/// </remarks>
public static class BucketedAllReduce
{
    /// <summary>Sums host buffers across ranks in place, bucket by bucket; with <paramref name="average"/> divides by the group size.</summary>
    public static void Run(IProcessGroup group, IReadOnlyList<Memory<float>> parts, GradientBucketPlan plan, bool average = false)
    {
        if (plan.PartElements.Count != parts.Count)
            throw new ArgumentException($"the plan has {plan.PartElements.Count} parts, {parts.Count} were given");
        for (int i = 0; i < parts.Count; i++)
            if (parts[i].Length != plan.PartElements[i])
                throw new ArgumentException($"part {i} has {parts[i].Length} elements, the plan expects {plan.PartElements[i]}");
        if (group.Size == 1) return;
        // One buffer for every bucket (all but the last are full), rented so repeated steps allocate nothing.
        var bucket = ArrayPool<float>.Shared.Rent(plan.Buckets.Count == 0 ? 0 : plan.Fill(0));
        try
        {
            float scale = 1f / group.Size;
            foreach (var segments in plan.Buckets)
            {
                if (segments.Count == 1)
                {
                    var only = segments[0];
                    var inPlace = parts[only.Part].Span.Slice((int)only.PartOffset, only.Length);
                    group.AllReduce(inPlace, ReduceOp.Sum);
                    if (average) foreach (ref var v in inPlace) v *= scale;
                    continue;
                }
                int fill = 0;
                foreach (var s in segments)
                {
                    parts[s.Part].Span.Slice((int)s.PartOffset, s.Length).CopyTo(bucket.AsSpan(s.BucketOffset));
                    fill += s.Length;
                }
                var data = bucket.AsSpan(0, fill);
                group.AllReduce(data, ReduceOp.Sum);
                if (average) foreach (ref var v in data) v *= scale;
                foreach (var s in segments)
                    data.Slice(s.BucketOffset, s.Length).CopyTo(parts[s.Part].Span.Slice((int)s.PartOffset, s.Length));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(bucket);
        }
    }

    /// <summary>Sums float32 tensors (gradients) across ranks in place through host copies, in buckets of <paramref name="bucketBytes"/>.</summary>
    public static void Run(IProcessGroup group, IReadOnlyList<Tensor> tensors, int bucketBytes = GradientBucketPlan.DefaultBucketBytes, bool average = false)
    {
        foreach (var t in tensors)
            if (t.DType != DType.Float32)
                throw new ArgumentException($"bucketed all-reduce takes float32 tensors; got {t.DType} {t.ShapeText}");
        if (group.Size == 1) return;
        var host = tensors.Select(t => t.ToFloatArray()).ToArray();
        var plan = new GradientBucketPlan(host.Select(h => (long)h.Length).ToArray(), bucketBytes);
        Run(group, host.Select(h => (Memory<float>)h).ToArray(), plan, average);
        for (int i = 0; i < tensors.Count; i++)
        {
            using var reduced = tensors[i].Backend.FromArray(host[i], tensors[i].Shape);
            tensors[i].Backend.CopyInPlace(tensors[i], reduced);
        }
    }
}
