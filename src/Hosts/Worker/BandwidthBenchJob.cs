using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Hosts.Worker;

/// <summary><c>seer-worker bench</c>: all-reduce bandwidth per message size, plain and bucketed.</summary>
/// <remarks>
/// Float32 sum all-reduce bandwidth (bytes / median time) for each size ("allreduce", C
/// baseline "c-mpi" in build/bench/allreduce_bench.c); then 64 MiB of gradient-like parts reduced with
/// <see cref="BucketedAllReduce"/> in buckets of each size ("bucketed", baseline "c-chunked"). Every timed call starts
/// after a barrier; rank 0's median is reported.
/// </remarks>
public sealed class BandwidthBenchJob(IProcessGroup group, WorkerExitCode exit, IHostApplicationLifetime lifetime, BandwidthOptions options)
    : WorkerJob(group, exit, lifetime)
{
    private const int GradientSetMb = 64;

    /// <inheritdoc />
    protected override int Run(TextWriter output, CancellationToken cancel)
    {
        var g = Group;
        var rows = new List<BandwidthRow>();
        foreach (var mb in options.SizesMb)
        {
            var buffer = new float[mb * (1 << 20) / sizeof(float)];
            buffer.AsSpan().Fill(g.Rank + 1);
            double ms = Median(() => g.AllReduce<float>(buffer, ReduceOp.Sum), cancel);
            rows.Add(new BandwidthRow("allreduce", mb, g.Size, ms, mb * (double)(1 << 20) / (ms * 1e6)));
        }
        // A 64 MiB gradient set shaped like a model's: many small tensors and a few large ones.
        var parts = GradientSet(GradientSetMb * (1 << 20) / sizeof(float));
        foreach (var mb in options.SizesMb)
        {
            var plan = new GradientBucketPlan(parts.Select(p => (long)p.Length).ToArray(), mb << 20);
            var memory = parts.Select(p => (Memory<float>)p).ToArray();
            double ms = Median(() => BucketedAllReduce.Run(g, memory, plan), cancel);
            rows.Add(new BandwidthRow("bucketed", mb, g.Size, ms, GradientSetMb * (double)(1 << 20) / (ms * 1e6)));
        }
        if (g.Rank != 0) return 0;
        if (options.Json)
            foreach (var row in rows) output.WriteLine(JsonSerializer.Serialize(row, WorkerJsonContext.Default.BandwidthRow));
        else
        {
            output.WriteLine($"{"variant",-10} {"size MiB",9} {"ranks",6} {"median ms",10} {"GB/s",8}");
            foreach (var row in rows)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Variant,-10} {row.SizeMb,9} {row.Ranks,6} {row.MedianMs,10:F3} {row.GBPerSecond,8:F3}"));
        }
        return 0;
    }

    /// <summary>Median wall time in ms of <see cref="BandwidthOptions.Iterations"/> calls, each after a barrier.</summary>
    private double Median(Action collective, CancellationToken cancel)
    {
        for (int i = 0; i < 2; i++) collective();
        var times = new double[options.Iterations];
        for (int i = 0; i < times.Length; i++)
        {
            cancel.ThrowIfCancellationRequested();
            Group.Barrier();
            long start = Stopwatch.GetTimestamp();
            collective();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }

    /// <summary>Parts adding up to <paramref name="elements"/>: 3/4 in eight large tensors, the rest in 1,000 small ones.</summary>
    private static float[][] GradientSet(int elements)
    {
        int large = elements / 4 * 3 / 8, small = (elements - 8 * large) / 1000;
        var parts = Enumerable.Range(0, 8).Select(_ => new float[large])
            .Concat(Enumerable.Range(0, 999).Select(_ => new float[small])).ToList();
        parts.Add(new float[elements - 8 * large - 999 * small]);
        foreach (var p in parts) p.AsSpan().Fill(1f);
        return parts.ToArray();
    }
}
