using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Data;
using Seer.Toolkit.Distributed;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// Distributed feature extraction: rank r of W takes the contiguous shard [⌊rN/W⌋, ⌊(r+1)N/W⌋) of a split, extracts it
/// as <see cref="FeatureExtraction.Extract"/> does, and the shards are all-gathered in rank order, so every rank ends with
/// the rows one process would produce, in image order; skip counts are summed over the ranks.
/// </summary>
public static class ShardedFeatureExtraction
{
    /// <summary>Collective: the features of <paramref name="data"/> on every rank, and the images skipped by reason.</summary>
    public static (LayerFeatures Features, IReadOnlyDictionary<DecodeStatus, long> Skipped) Extract(IProcessGroup group, RegNetModel trunk,
        IBackend backend, ILabeledImages data, int side, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, IReadOnlyList<FeatureLayer> layers,
        int batch = 256)
    {
        int n = data.Count, w = group.Size, r = group.Rank;
        int start = (int)((long)n * r / w), end = (int)((long)n * (r + 1) / w);
        var shard = data.Select([.. Enumerable.Range(start, end - start)]);
        var local = FeatureExtraction.ExtractUsable(trunk, backend, shard, side, mean, std, layers, batch);

        var counts = new int[w];
        group.AllGather<int>([local.Rows.Length], counts);                 // usable rows per rank
        int most = counts.Max(), total = counts.Sum();
        var rows = Gather(group, [.. local.Rows.Select(i => i + start)], 1, counts, most);       // indices into the whole split

        var reasons = DecodeStatusNames.Reasons;
        var skippedCounts = reasons.Select(x => shard.Skipped.GetValueOrDefault(x)).ToArray();
        group.AllReduce<long>(skippedCounts, ReduceOp.Sum);
        var skipped = reasons.Select((x, i) => (x, skippedCounts[i])).Where(p => p.Item2 > 0).ToDictionary(p => p.x, p => p.Item2);
        FeatureExtraction.RequireRows(data.Name, total, n, SkippedImages.Reasons(skipped));

        int[] labels = [.. rows.Select(data.Label)];
        var sets = local.Layers.Select(set => new FeatureSet(Gather(group, set.Features, set.Dim, counts, most), labels, set.Dim)).ToArray();
        return (new LayerFeatures(sets, rows), skipped);
    }

    /// <summary>All-gathers each rank's rows of <paramref name="width"/> values, padded to the longest shard, and drops the padding.</summary>
    private static T[] Gather<T>(IProcessGroup group, T[] local, int width, int[] counts, int most) where T : unmanaged
    {
        var padded = new T[(long)most * width];
        local.AsSpan(0, counts[group.Rank] * width).CopyTo(padded);
        var all = new T[padded.LongLength * group.Size];
        group.AllGather<T>(padded, all);
        var result = new T[(long)counts.Sum() * width];
        long at = 0;
        for (int q = 0; q < group.Size; q++)
        {
            all.AsSpan((int)((long)q * most * width), counts[q] * width).CopyTo(result.AsSpan((int)at));
            at += (long)counts[q] * width;
        }
        return result;
    }
}
