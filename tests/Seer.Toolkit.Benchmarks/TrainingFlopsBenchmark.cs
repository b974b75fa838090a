using System.Diagnostics;
using System.Globalization;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Components.RegNet.Design;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Benchmarks;

/// <summary>
/// Achieved FLOP/s of one SwAV update of a pretraining preset (trunk + head, TrainStep: forward, Sinkhorn, backward, LARS)
/// against the FLOP/s of one large fp32 and bf16 matmul measured in the same run. Model FLOPs are analytic: RegNetComplexity
/// multiply-adds of the trunk at each crop size plus the head's dense layers and prototypes, ×2 (a multiply-add is two
/// FLOPs) ×3 (backward ≈ twice forward), per crop; Sinkhorn, loss, normalisation and the optimizer are not counted.
/// </summary>
internal static class TrainingFlopsBenchmark
{
    public static string Run(IBackend backend, string outDir, string preset = "tiny", int repeats = 15, int matmulSide = 2048)
    {
        var o = PretrainPresets.Get(preset);
        double flopsPerStep = StepFlops(o);
        var images = new RandomImages(2 * o.BatchSize, o.Crops.Sizes.Max());
        var dir = Directory.CreateTempSubdirectory("seer-bench-flops-").FullName;
        var trainer = new SwAVPretrainer(backend, o, images, dir, TextWriter.Null);
        var stream = new PretrainBatchStream(images, new MultiCropTransform(o.Crops), o.BatchSize, o.Seed, o.Workers);
        var order = stream.Order(0);
        var batches = Enumerable.Range(0, 2).Select(i => stream.Build(order, 0, i)).ToList();
        long step = Math.Max(o.QueueStart, o.FreezePrototypes) + 1;            // the steady state: queue in use, prototypes learning
        double Step() { var w = Stopwatch.StartNew(); trainer.TrainStep(batches[(int)(step % 2)], step++); return w.Elapsed.TotalSeconds; }
        double matmulFlops = 2.0 * matmulSide * matmulSide * matmulSide;
        var rows = new List<string>();
        int initialThreads = backend.Threads;
        foreach (int threads in new[] { 1, initialThreads }.Distinct())
        {
            backend.Threads = threads;
            var (stepS, fp32S, bf16S) = (new List<double>(), new List<double>(), new List<double>());
            for (int i = 0; i < 3; i++)                                         // warm-up
            {
                Step();
                MatmulSeconds(backend, matmulSide, DType.Float32);
                MatmulSeconds(backend, matmulSide, DType.BFloat16);
            }
            for (int i = 0; i < repeats; i++)                                   // interleaved so drift affects all three alike
            {
                stepS.Add(Step());
                fp32S.Add(MatmulSeconds(backend, matmulSide, DType.Float32));
                bf16S.Add(MatmulSeconds(backend, matmulSide, DType.BFloat16));
            }
            double train = flopsPerStep / Median(stepS), f32 = matmulFlops / Median(fp32S), b16 = matmulFlops / Median(bf16S);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {threads} | {Median(stepS) * 1e3:F1} ms | {train / 1e9:F2} | {f32 / 1e9:F1} | {b16 / 1e9:F1} | {train / f32:F4} | {train / b16:F4} |"));
        }
        backend.Threads = initialThreads;
        Directory.Delete(dir, recursive: true);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"SwAV update, preset `{preset}` (`{o.Arch}` trunk, batch {o.BatchSize}, crops {string.Join('+', o.Crops.Counts.Zip(o.Crops.Sizes, (c, s) => $"{c}×{s}"))}, head {string.Join('→', o.HeadDims)}, {o.Prototypes} prototypes, fp32): {flopsPerStep / 1e9:F3} GFLOP analytic per update; matmul {matmulSide}² ({matmulFlops / 1e9:F1} GFLOP); medians of {repeats}, interleaved\n\n")
            + "| threads | SwAV update | SwAV GFLOP/s | fp32 matmul GFLOP/s | bf16 matmul GFLOP/s | SwAV / fp32 matmul | SwAV / bf16 matmul |\n|---:|---:|---:|---:|---:|---:|---:|\n"
            + string.Join('\n', rows) + "\n";
        Console.WriteLine(text);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "flops.md"), text);
        return text;
    }

    /// <summary>Analytic FLOPs of one update: Σ over crops of (trunk at the crop's size + head), ×2 per multiply-add, ×3 for forward + backward.</summary>
    public static double StepFlops(PretrainOptions o)
    {
        var spec = RegNetDesignSpace.Resolve(RegNetPresets.Get(o.Arch).Params);
        long width = spec.Stages[^1].Width;
        long head = 0;
        int[] dims = [(int)width, .. o.HeadDims];
        for (int i = 0; i + 1 < dims.Length; i++) head += RegNetComplexity.Linear(dims[i], dims[i + 1]).Flops;
        head += RegNetComplexity.Linear(dims[^1], o.Prototypes, bias: false).Flops;
        double macs = 0;
        for (int g = 0; g < o.Crops.Sizes.Length; g++)
            macs += (double)o.Crops.Counts[g] * o.BatchSize * (RegNetComplexity.Network(spec, 0, o.Crops.Sizes[g]).Flops + head);
        return 2 * 3 * macs;
    }

    private static double MatmulSeconds(IBackend backend, int n, DType dtype)
    {
        using var scope = backend.NewScope();
        var a = backend.RandomNormal([n, n], 0, 1, 1, dtype);
        var b = backend.RandomNormal([n, n], 0, 1, 2, dtype);
        var w = Stopwatch.StartNew();
        backend.MatMul(a, b);
        return w.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);

    /// <summary>Seeded noise images; the step's cost does not depend on content.</summary>
    private sealed class RandomImages(int count, int side) : IImageCollection
    {
        public int Count => count;

        public ImageF? Load(int index)
        {
            var img = new ImageF(side, side);
            var random = new Random(index);
            for (int i = 0; i < img.Data.Length; i++) img.Data[i] = random.NextSingle();
            return img;
        }
    }
}
