using System.Diagnostics;
using System.Globalization;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.Layers;
using Seer.Toolkit.Distributed;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Benchmarks;

/// <summary>
/// The compute cost of SyncBatchNorm in one process: forward + backward of a batch-norm layer as libtorch's fused batch
/// norm (what one rank runs without synchronisation) and as <see cref="SyncBatchNorm"/> over a two-rank group whose
/// peer is a mirror (its all-reduce doubles the data, as an identical second rank would), so no time is spent waiting.
/// </summary>
public static class SyncBatchNormBenchmark
{
    // activations of the tiny recipe's trunk (regnety_mini_x4, 128 images of 28 px per rank): stem, stage 1..3
    private static readonly long[][] Shapes = [[128, 24, 14, 14], [128, 24, 14, 14], [128, 96, 7, 7], [128, 384, 4, 4], [256, 128]];

    /// <summary>Runs <paramref name="repeats"/> interleaved fused/sync pairs per shape after warm-up; returns a Markdown table.</summary>
    public static string Run(string outDir, int repeats, int threads)
    {
        var backend = new TorchBackend { Threads = threads };
        var group = new MirrorGroup();
        var rows = new List<string>();
        foreach (var shape in Shapes.Distinct(new ShapeComparer()))
        {
            long c = shape[1];
            var x = backend.RandomNormal(shape, 0.5, 2, 1);
            var gy = backend.RandomNormal(shape, 0, 1, 2);
            var weight = backend.Full([c], 1.0);
            var bias = backend.Full([c], 0.0);
            backend.SetRequiresGrad(weight, true);
            backend.SetRequiresGrad(bias, true);
            var (runningMean, runningVar) = (backend.Zeros([c]), backend.Full([c], 1.0));
            double Time(bool sync)
            {
                using var scope = backend.NewScope();
                var input = backend.Detach(x);
                backend.SetRequiresGrad(input, true);
                var watch = Stopwatch.StartNew();
                var y = sync
                    ? SyncBatchNorm.Forward(group, input, weight, bias, runningMean, runningVar, 0.1, 1e-5)
                    : backend.BatchNorm(input, weight, bias, runningMean, runningVar, true, 0.1, 1e-5);
                backend.Backward(backend.Sum(backend.Mul(y, gy)));
                _ = backend.Sum(backend.Grad(input)!).Item();
                double seconds = watch.Elapsed.TotalSeconds;
                backend.ZeroGrad(weight);
                backend.ZeroGrad(bias);
                return seconds;
            }
            for (int i = 0; i < 3; i++) { Time(false); Time(true); }
            var (fused, synced) = (new List<double>(), new List<double>());
            for (int i = 0; i < repeats; i++) { fused.Add(Time(false)); synced.Add(Time(true)); }
            double mf = fused.Order().ElementAt(repeats / 2), ms = synced.Order().ElementAt(repeats / 2);
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"| [{string.Join(", ", shape)}] | {mf * 1e3:F2} | {ms * 1e3:F2} | {ms / mf:F2} |"));
        }
        var table = string.Join('\n', [
            $"Batch norm forward + backward, libtorch 2.10 CPU, {threads} thread(s), median of {repeats} interleaved pairs",
            "",
            "| input | fused batch norm ms | SyncBatchNorm (mirror peer) ms | sync / fused |",
            "|---|---:|---:|---:|",
            .. rows]);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "syncbn.md"), table + "\n");
        return table;
    }

    private sealed class ShapeComparer : IEqualityComparer<long[]>
    {
        public bool Equals(long[]? a, long[]? b) => a!.AsSpan().SequenceEqual(b);
        public int GetHashCode(long[] s) => s.Aggregate(17, (h, d) => h * 31 + d.GetHashCode());
    }

    /// <summary>Rank 0 of two whose peer holds the same data: a sum all-reduce doubles, nothing waits.</summary>
    private sealed class MirrorGroup : IProcessGroup
    {
        public int Rank => 0;
        public int Size => 2;
        public string Transport => "mirror";
        public TimeSpan CollectiveTimeout { get; set; } = Timeout.InfiniteTimeSpan;

        public void AllReduce<T>(Span<T> data, ReduceOp op) where T : unmanaged
        {
            if (op != ReduceOp.Sum) return;
            if (typeof(T) == typeof(double)) foreach (ref var v in System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(data)) v *= 2;
            else if (typeof(T) == typeof(float)) foreach (ref var v in System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(data)) v *= 2;
            else throw new NotSupportedException(typeof(T).Name);
        }

        public void Broadcast<T>(Span<T> data, int root) where T : unmanaged { }
        public void AllGather<T>(ReadOnlySpan<T> send, Span<T> receive) where T : unmanaged
        {
            send.CopyTo(receive);
            send.CopyTo(receive[send.Length..]);
        }
        public void Barrier() { }
        public IProcessGroup Split(int color, int key) => this;
        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        public void Abort(int exitCode) => Environment.Exit(exitCode);
        public void Dispose() { }
    }
}
