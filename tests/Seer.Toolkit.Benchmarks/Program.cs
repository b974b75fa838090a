using System.Diagnostics;
using System.Globalization;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Benchmarks;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.RegNet.Design;
using Seer.Toolkit.Tensors;
using TorchSharp;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

// Timed benchmark of one training step (forward + backward) of a small RegNetY:
// the toolkit's components vs the same math hand-written against TorchSharp, and fp32 vs bf16 vs channels-last;
// then a larger trunk's step with and without activation checkpointing and bf16 mixed precision (time and peak memory),
// the data path, training FLOP/s, SyncBatchNorm's compute cost and the ILGPU GEMM paths.
// Each pair is measured interleaved in one process; results are medians of repeated runs, reported as ratios.
if (args.Contains("--memory-probe")) return TrunkStepBenchmark.Probe(args);
var outDir = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "artifacts/bench";
if (args.Contains("--backends"))                                // only the TorchSharp vs ILGPU step (artifacts/bench/backends.md)
{
    int backendRepeats = int.Parse(args.SkipWhile(a => a != "--repeats").Skip(1).FirstOrDefault() ?? "7", CultureInfo.InvariantCulture);
    int torchThreads = int.Parse(args.SkipWhile(a => a != "--threads").Skip(1).FirstOrDefault() ?? $"{Environment.ProcessorCount}", CultureInfo.InvariantCulture);
    Console.WriteLine(BackendStepBenchmark.Run(outDir, backendRepeats, torchThreads));
    return 0;
}
if (args.Contains("--gemm"))                                    // only the ILGPU GEMM paths (artifacts/bench/gemm.md)
{
    int gemmRepeats = int.Parse(args.SkipWhile(a => a != "--repeats").Skip(1).FirstOrDefault() ?? "9", CultureInfo.InvariantCulture);
    var gemmDevice = Device.Parse(args.SkipWhile(a => a != "--device").Skip(1).FirstOrDefault() ?? "cpu");
    Console.WriteLine(GemmPathBenchmark.Run(outDir, gemmRepeats, gemmDevice));
    return 0;
}
if (args.Contains("--syncbn"))                                  // only the SyncBatchNorm compute cost (artifacts/bench/syncbn.md)
{
    int syncRepeats = int.Parse(args.SkipWhile(a => a != "--repeats").Skip(1).FirstOrDefault() ?? "25", CultureInfo.InvariantCulture);
    int syncThreads = int.Parse(args.SkipWhile(a => a != "--threads").Skip(1).FirstOrDefault() ?? "1", CultureInfo.InvariantCulture);
    Console.WriteLine(SyncBatchNormBenchmark.Run(outDir, syncRepeats, syncThreads));
    return 0;
}
var arch = args.SkipWhile(a => a != "--arch").Skip(1).FirstOrDefault() ?? "regnety_tiny";
int batch = 32, side = 64, repeats = 25;
var backend = new TorchBackend();
if (args.SkipWhile(a => a != "--threads").Skip(1).FirstOrDefault() is { } threads) backend.Threads = int.Parse(threads, CultureInfo.InvariantCulture);
var spec = RegNetDesignSpace.Resolve(RegNetPresets.Get(arch).Params);
var model = RegNetModel.FromSpec(spec, 10).Materialize(backend, 0);
var baseline = new HandWrittenRegNet(spec, model);
var x = backend.RandomNormal([batch, 3, side, side], 0, 1, 1);
var y = backend.FromArray(Enumerable.Range(0, batch).Select(i => (long)(i % 10)).ToArray(), [batch]);

double Step(Func<Tensor, Tensor> forward, Tensor input)
{
    using var scope = backend.NewScope();
    var watch = Stopwatch.StartNew();
    var loss = backend.CrossEntropy(forward(input).Cast(DType.Float32), y);
    loss.Backward();
    double ms = watch.Elapsed.TotalMilliseconds;
    foreach (var (_, p) in model.NamedParameters()) backend.ZeroGrad(p.Value);
    return ms;
}

double Median(List<double> v) { v.Sort(); return v[v.Count / 2]; }

(double A, double B) Pair(Func<double> a, Func<double> b)
{
    for (int i = 0; i < 3; i++) { a(); b(); }                       // warm-up
    var ta = new List<double>(); var tb = new List<double>();
    for (int i = 0; i < repeats; i++) { ta.Add(a()); tb.Add(b()); }
    return (Median(ta), Median(tb));
}

var rows = new List<string>();
var (toolkit, hand) = Pair(() => Step(model.Forward, x),
    () => Step(t => new TorchTensor(backend, baseline.Forward(TorchBackend.N(t))), x));
rows.Add(Row("fp32 step: toolkit components vs hand-written TorchSharp", toolkit, hand));

var xcl = backend.ToMemoryFormat(x, MemoryFormat.ChannelsLast);
var (cl, contiguous) = Pair(() => Step(model.Forward, xcl), () => Step(model.Forward, x));
rows.Add(Row("fp32 step: channels-last vs contiguous", cl, contiguous));

var bf16Model = RegNetModel.FromSpec(spec, 10).Materialize(backend, 0);
bf16Model.MoveTo(Device.Cpu, DType.BFloat16);
var xbf = x.Cast(DType.BFloat16);
var (bf, fp) = Pair(() => Step(bf16Model.Forward, xbf), () => Step(model.Forward, x));
rows.Add(Row("step: bf16 vs fp32", bf, fp));

var (mixed, full) = Pair(() => { using (backend.Autocast(DType.BFloat16)) return Step(model.Forward, x); }, () => Step(model.Forward, x));
rows.Add(Row("step: bf16 mixed precision (fp32 weights, cast policy) vs fp32", mixed, full));

var header = $"RegNetY `{arch}` ({model.CountParameters():N0} parameters), batch {batch}, {side}×{side}, {backend.Threads} threads, median of {repeats}";
var table = string.Join('\n', ["| comparison | A (ms) | B (ms) | A / B |", "|---|---:|---:|---:|", .. rows]);
Console.WriteLine(header);
Console.WriteLine(table);

var trunkSection = TrunkStepBenchmark.FromArgs(args).Report(backend.Threads);
Console.WriteLine();
Console.WriteLine(trunkSection);
Directory.CreateDirectory(outDir);
File.WriteAllText(Path.Combine(outDir, "step.md"), header + "\n\n" + table + "\n\n" + trunkSection + "\n");
Console.WriteLine();
Console.WriteLine(DataPathBenchmark.Run(outDir));          // also artifacts/bench/data.md
Console.WriteLine();
Console.WriteLine(TrainingFlopsBenchmark.Run(backend, outDir));   // also artifacts/bench/flops.md
Console.WriteLine();
Console.WriteLine(SyncBatchNormBenchmark.Run(outDir, 25, 1));     // also artifacts/bench/syncbn.md
Console.WriteLine();
Console.WriteLine(GemmPathBenchmark.Run(outDir, 9, Device.Cpu));  // also artifacts/bench/gemm.md
return 0;

static string Row(string name, double a, double b) =>
    string.Create(CultureInfo.InvariantCulture, $"| {name} | {a:F1} | {b:F1} | {a / b:F3} |");
