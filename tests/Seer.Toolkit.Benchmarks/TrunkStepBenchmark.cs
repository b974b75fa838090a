using System.Diagnostics;
using System.Globalization;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Tensors;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Benchmarks;

/// <summary>
/// A RegNetY trunk training step (forward, loss on the pooled features, backward) under activation checkpointing and the
/// bf16 mixed-precision policy: step time measured interleaved in this process (medians), peak memory in a fresh child
/// process per variant (peak RSS during one step minus RSS before it, after two warm-up steps).
/// </summary>
internal sealed class TrunkStepBenchmark(string arch, int batch, int side, int repeats)
{
    /// <summary>One configuration: checkpointing splits per stage (0 = off) and precision ("fp32" | "bf16").</summary>
    public sealed record Variant(string Name, int Splits, DType Precision);

    public static readonly Variant Plain = new("fp32", 0, DType.Float32);
    public static readonly Variant Checkpoint1 = new("fp32, checkpointing 1 split/stage", 1, DType.Float32);
    public static readonly Variant Checkpoint2 = new("fp32, checkpointing 2 splits/stage", 2, DType.Float32);
    public static readonly Variant Mixed = new("bf16 mixed", 0, DType.BFloat16);
    public static readonly Variant MixedCheckpoint1 = new("bf16 mixed, checkpointing 1 split/stage", 1, DType.BFloat16);

    private static readonly Variant[] All = [Plain, Checkpoint1, Checkpoint2, Mixed, MixedCheckpoint1];

    /// <summary>Options --trunk-arch (regnety_400mf), --trunk-batch (16), --trunk-side (96), --trunk-repeats (15).</summary>
    public static TrunkStepBenchmark FromArgs(string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new(Option("--trunk-arch") ?? "regnety_400mf", int.Parse(Option("--trunk-batch") ?? "16", CultureInfo.InvariantCulture),
            int.Parse(Option("--trunk-side") ?? "96", CultureInfo.InvariantCulture), int.Parse(Option("--trunk-repeats") ?? "15", CultureInfo.InvariantCulture));
    }

    /// <summary>Every comparison against the fp32 step: a markdown header line and table.</summary>
    public string Report(int threads)
    {
        var rows = new List<string>();
        foreach (var v in new[] { Checkpoint1, Checkpoint2, Mixed, MixedCheckpoint1 })
        {
            var (ta, tb, ratio) = Time(v, Plain);
            long ma = PeakBytes(v, threads), mb = PeakBytes(Plain, threads);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {v.Name} vs {Plain.Name} | {ta:F0} / {tb:F0} | {ratio:F3} | {ma / 1048576.0:F0} / {mb / 1048576.0:F0} | {(double)ma / mb:F3} |"));
        }
        var header = $"RegNetY `{arch}` trunk, batch {batch}, {side}×{side}, {threads} threads; step time: median of {repeats} interleaved pairs " +
            "(ratio = median of per-pair ratios); peak memory: peak RSS increase during one step, one child process per variant";
        return string.Join('\n', [header, "", "| comparison (A vs B) | step ms A / B | time A / B | peak MiB A / B | memory A / B |", "|---|---:|---:|---:|---:|", .. rows]);
    }

    /// <summary>
    /// Median step times (ms) of <paramref name="a"/> and <paramref name="b"/>, interleaved, and the median of the
    /// per-pair ratios a_i / b_i (robust to load that drifts during the run).
    /// </summary>
    public (double A, double B, double Ratio) Time(Variant a, Variant b)
    {
        var backend = new TorchBackend();
        var state = new StepState(backend, arch, batch, side);
        for (int i = 0; i < 2; i++) { state.Step(a); state.Step(b); }
        var ta = new List<double>();
        var tb = new List<double>();
        var ratios = new List<double>();
        for (int i = 0; i < repeats; i++)
        {
            ta.Add(state.Step(a));
            tb.Add(state.Step(b));
            ratios.Add(ta[^1] / tb[^1]);
        }
        return (Median(ta), Median(tb), Median(ratios));
    }

    /// <summary>Peak memory (bytes) of one step of <paramref name="v"/>, in a child process of this program.</summary>
    public long PeakBytes(Variant v, int threads)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var self = Environment.ProcessPath!;
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(TrunkStepBenchmark).Assembly.Location);
        foreach (var a in new[] { "--memory-probe", arch, Inv(batch), Inv(side), Inv(Array.IndexOf(All, v)), Inv(threads) }) start.ArgumentList.Add(a);
        // a fixed mmap threshold: tensor buffers are mapped and unmapped, so RSS follows live memory (no heap retention)
        start.Environment["MALLOC_MMAP_THRESHOLD_"] = "65536";
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"memory probe for '{v.Name}' exited with {child.ExitCode}: {output}");
        return long.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
    }

    /// <summary>The child side of <see cref="PeakBytes"/>: prints the peak RSS increase of one step in bytes.</summary>
    public static int Probe(string[] args)
    {
        int i = Array.IndexOf(args, "--memory-probe");
        var backend = new TorchBackend { Threads = int.Parse(args[i + 5], CultureInfo.InvariantCulture) };
        var state = new StepState(backend, args[i + 1], int.Parse(args[i + 2], CultureInfo.InvariantCulture), int.Parse(args[i + 3], CultureInfo.InvariantCulture));
        var v = All[int.Parse(args[i + 4], CultureInfo.InvariantCulture)];
        state.Step(v);
        state.Step(v);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = ProcStatusBytes("VmRSS");
        File.WriteAllText("/proc/self/clear_refs", "5");     // resets VmHWM to the current RSS (Linux ≥ 4.0)
        state.Step(v);
        Console.WriteLine(ProcStatusBytes("VmHWM") - before);
        return 0;
    }

    private static long ProcStatusBytes(string key)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static double Median(List<double> v)
    {
        v.Sort();
        return v[v.Count / 2];
    }

    private static string Inv(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Trunk, input and a fixed projection of the features (loss = Σ features ⊙ r), built once.</summary>
    private sealed class StepState
    {
        private readonly IBackend _backend;
        private readonly RegNetModel _trunk;
        private readonly Tensor _x;
        private readonly Tensor _projection;

        public StepState(IBackend backend, string arch, int batch, int side)
        {
            _backend = backend;
            _trunk = RegNetModel.FromPreset(arch, 0).Materialize(backend, 0);
            _x = backend.Persist(backend.RandomNormal([batch, 3, side, side], 0, 1, 1));
            _projection = backend.Persist(backend.RandomNormal([batch, _trunk.FeatureWidth], 0, 1, 2));
        }

        /// <summary>Forward + backward of one variant; returns milliseconds.</summary>
        public double Step(Variant v)
        {
            _trunk.ActivationCheckpointing = v.Splits;
            using var scope = _backend.NewScope();
            var watch = Stopwatch.StartNew();
            Tensor loss;
            using (_backend.Autocast(v.Precision)) loss = _backend.Sum(_trunk.ForwardFeatures(_x) * _projection);
            loss.Backward();
            double ms = watch.Elapsed.TotalMilliseconds;
            foreach (var (_, p) in _trunk.NamedParameters()) _backend.ZeroGrad(p.Value);
            return ms;
        }
    }
}
