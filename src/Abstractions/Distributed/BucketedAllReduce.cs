using System.Buffers;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Distributed;

/// <summary>Gradient all-reduce in buckets of a few MB instead of one message per tensor.</summary>
/// <remarks>
/// Parts are flattened into one reusable buffer, each full bucket is summed across ranks, and the sums are scattered
/// back into the parts. Pieces of 1 MiB or more (slices of large tensors) are summed where they lie, without the two
/// copies, which cost as much as the reduction itself at these sizes; small pieces share one message.
/// </remarks>
public static class BucketedAllReduce
{
    /// <summary>Pieces of at least this many elements (1 MiB of float32) are reduced where they lie instead of through the bucket.</summary>
    public const int InPlaceElements = 1 << 18;

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
                int fill = 0;
                foreach (var s in segments)
                {
                    var source = parts[s.Part].Span.Slice((int)s.PartOffset, s.Length);
                    if (s.Length >= InPlaceElements)
                    {
                        Reduce(group, source, average, scale);               // a large piece: no copy in and out
                        continue;
                    }
                    source.CopyTo(bucket.AsSpan(fill));
                    fill += s.Length;
                }
                if (fill == 0) continue;
                var data = bucket.AsSpan(0, fill);
                Reduce(group, data, average, scale);
                int at = 0;
                foreach (var s in segments)
                {
                    if (s.Length >= InPlaceElements) continue;
                    data.Slice(at, s.Length).CopyTo(parts[s.Part].Span.Slice((int)s.PartOffset, s.Length));
                    at += s.Length;
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(bucket);
        }
    }

    private static void Reduce(IProcessGroup group, Span<float> data, bool average, float scale)
    {
        group.AllReduce(data, ReduceOp.Sum);
        if (average) foreach (ref var v in data) v *= scale;
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
