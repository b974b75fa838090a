using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Hosts.Worker;

/// <summary><c>seer-worker selftest</c>: checks every collective against values each rank computes alone.</summary>
/// <remarks>
/// The data is rank-dependent. Each rank prints its failures; rank 0 prints one JSON line of results. Exit 0 only if all pass.
/// </remarks>
public sealed class SelfTestJob(IProcessGroup group, WorkerExitCode exit, IHostApplicationLifetime lifetime)
    : WorkerJob(group, exit, lifetime)
{
    /// <inheritdoc />
    protected override int Run(TextWriter output, CancellationToken cancel)
    {
        var g = Group;
        int n = g.Size, r = g.Rank;
        var failures = new List<string>();
        void Check(string name, bool ok, string detail)
        {
            if (!ok) failures.Add($"{name}: {detail}");
        }

        // all-reduce sum: element i of rank q holds q + i, so the sum is n(n-1)/2 + n·i.
        var floats = new float[5];
        var doubles = new double[5];
        var longs = new long[5];
        for (int i = 0; i < 5; i++) (floats[i], doubles[i], longs[i]) = (r + i, r + i + 0.25, r + i + (1L << 40));
        g.AllReduce<float>(floats, ReduceOp.Sum);
        g.AllReduce<double>(doubles, ReduceOp.Sum);
        g.AllReduce<long>(longs, ReduceOp.Sum);
        long sumOfRanks = (long)n * (n - 1) / 2;
        for (int i = 0; i < 5; i++)
        {
            Check("allreduce_sum_float", floats[i] == sumOfRanks + n * i, $"element {i} = {floats[i]}, expected {sumOfRanks + n * i}");
            Check("allreduce_sum_double", doubles[i] == sumOfRanks + n * (i + 0.25), $"element {i} = {doubles[i]}");
            Check("allreduce_sum_long", longs[i] == sumOfRanks + n * (i + (1L << 40)), $"element {i} = {longs[i]}");
        }
        cancel.ThrowIfCancellationRequested();

        // all-reduce max: rank q offers q and -q.
        var max = new[] { (double)r, -r };
        g.AllReduce<double>(max, ReduceOp.Max);
        Check("allreduce_max", max[0] == n - 1 && max[1] == 0, $"got [{max[0]}, {max[1]}], expected [{n - 1}, 0]");

        // broadcast from the last rank: every rank ends with the root's values.
        int root = n - 1;
        var message = new long[] { 1000L * r + 7, r };
        g.Broadcast<long>(message, root);
        Check("broadcast", message[0] == 1000L * root + 7 && message[1] == root, $"got [{message[0]}, {message[1]}] from root {root}");

        // all-gather: rank q contributes (q, 10q), received in rank order.
        var gathered = new int[2 * n];
        g.AllGather<int>([r, 10 * r], gathered);
        for (int q = 0; q < n; q++)
            Check("allgather", gathered[2 * q] == q && gathered[2 * q + 1] == 10 * q, $"slot {q} = ({gathered[2 * q]}, {gathered[2 * q + 1]})");
        cancel.ThrowIfCancellationRequested();

        // split by parity, ordered by descending rank: sub-rank and the sub-group's sum of world ranks are known.
        int color = r % 2;
        var sameColor = Enumerable.Range(0, n).Where(q => q % 2 == color).OrderByDescending(q => q).ToList();
        int subSize, subSum;
        using (var sub = g.Split(color, -r))
        {
            var sum = new[] { r };
            sub.AllReduce<int>(sum, ReduceOp.Sum);
            (subSize, subSum) = (sub.Size, sum[0]);
            Check("split", sub.Size == sameColor.Count && sub.Rank == sameColor.IndexOf(r) && sum[0] == sameColor.Sum(),
                $"sub-group rank {sub.Rank} of {sub.Size}, sum {sum[0]}; expected rank {sameColor.IndexOf(r)} of {sameColor.Count}, sum {sameColor.Sum()}");
        }

        // bucketed all-reduce of parts larger and smaller than a bucket, against the sum each rank computes itself.
        long[] sizes = [3, 300_001, 17, 700_000];
        var parts = sizes.Select((s, p) => Enumerable.Range(0, (int)s).Select(i => Value(r, p, i)).ToArray()).ToArray();
        var plan = new GradientBucketPlan(sizes, bucketBytes: 1 << 20);
        BucketedAllReduce.Run(g, parts.Select(a => (Memory<float>)a).ToArray(), plan);
        int bucketErrors = 0;
        for (int p = 0; p < parts.Length; p++)
            for (int i = 0; i < parts[p].Length; i++)
            {
                float expected = 0;
                for (int q = 0; q < n; q++) expected += Value(q, p, i);
                if (parts[p][i] != expected) bucketErrors++;
            }
        Check("bucketed_allreduce", bucketErrors == 0, $"{bucketErrors} elements differ from the plain sum ({plan.Buckets.Count} buckets)");
        g.Barrier();

        foreach (var f in failures) output.WriteLine($"seer-worker: rank {r} of {n}: check failed: {f}");
        var failed = new[] { failures.Count };
        g.AllReduce<int>(failed, ReduceOp.Sum);
        if (r == 0)
            output.WriteLine("selftest " + JsonSerializer.Serialize(new SelfTestReport(
                g.Transport, n, SumOfRanks: (long)floats[0], (long)max[0], message[0],
                gathered, subSize, subSum, plan.Buckets.Count, failed[0]), WorkerJsonContext.Default.SelfTestReport));
        return failed[0] == 0 ? 0 : 1;
    }

    /// <summary>Test data: distinct per rank, part and element, exact in float32 when summed over a few ranks.</summary>
    private static float Value(int rank, int part, int index) => (index % 1000) * 0.5f + part * 3 + rank * 1024;
}
