using System.Diagnostics;
using System.Globalization;
using ILGPU.Runtime.CPU;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.Ilgpu;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Benchmarks;

/// <summary>
/// ILGPU matrix products: the shared-memory tiled kernel against the one-thread-per-element kernel on the same accelerator
/// (by default the CPU accelerator; <c>--device cuda</c> adds cuBLAS where a GPU is present), interleaved, median per variant.
/// </summary>
public static class GemmPathBenchmark
{
    // The CPU accelerator emulates each group's threads and barriers with OS threads, so it gets small shapes; a GPU gets
    // the tiny recipe's head and prototype products and larger squares.
    private static readonly (string Name, long[] A, long[] B, bool Linear)[] CpuShapes =
    [
        ("micro head: Linear 16×32 → 32", [16, 32], [32, 32], true),
        ("Linear 128×96 → 64", [128, 96], [64, 96], true),
        ("square 64³", [64, 64], [64, 64], false),
        ("batched 4 × 32×32 · 32×32", [4, 32, 32], [4, 32, 32], false),
    ];

    private static readonly (string Name, long[] A, long[] B, bool Linear)[] GpuShapes =
    [
        ("tiny head: Linear 512×384 → 512", [512, 384], [512, 384], true),
        ("prototypes: 512×128 · 128×300", [512, 128], [128, 300], false),
        ("square 1024³", [1024, 1024], [1024, 1024], false),
        ("batched 32 × 128×128 · 128×128", [32, 128, 128], [32, 128, 128], false),
    ];

    /// <summary>Runs <paramref name="repeats"/> interleaved products per shape and variant after one warm-up; returns a Markdown table.</summary>
    public static string Run(string outDir, int repeats, Device device)
    {
        var variants = new List<(string Name, IlgpuBackend Backend)>
        {
            ("direct", new IlgpuBackend(new IlgpuBackendOptions { Device = device, Gemm = IlgpuGemm.Direct, CpuMode = CPUAcceleratorMode.Parallel })),
            ("tiled", new IlgpuBackend(new IlgpuBackendOptions { Device = device, Gemm = IlgpuGemm.Tiled, CpuMode = CPUAcceleratorMode.Parallel })),
        };
        if (device.Kind == DeviceKind.Cuda)
            variants.Add(("cuBLAS", new IlgpuBackend(new IlgpuBackendOptions { Device = device, Gemm = IlgpuGemm.CuBlas })));
        var rows = new List<string>();
        try
        {
            foreach (var (name, a, b, linear) in device.Kind == DeviceKind.Cpu ? CpuShapes : GpuShapes)
            {
                var inputs = variants.Select(v => (Left: Random(v.Backend, a, 1), Right: Random(v.Backend, b, 2))).ToArray();
                double Time(int v)
                {
                    var backend = variants[v].Backend;
                    var watch = Stopwatch.StartNew();
                    using var y = linear ? backend.Linear(inputs[v].Left, inputs[v].Right, null) : backend.MatMul(inputs[v].Left, inputs[v].Right);
                    _ = y.ToFloatArray();                                          // synchronise: the result is on the host
                    return watch.Elapsed.TotalSeconds;
                }
                for (int v = 0; v < variants.Count; v++) Time(v);                 // kernel compilation
                var times = variants.Select(_ => new List<double>()).ToArray();
                for (int i = 0; i < repeats; i++)
                    for (int v = 0; v < variants.Count; v++) times[v].Add(Time(v));
                var medians = times.Select(t => t.Order().ElementAt(t.Count / 2)).ToArray();
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {string.Join(" | ", medians.Select(m => $"{m * 1e3:F1}"))} | {string.Join(" | ", medians.Skip(1).Select(m => $"{m / medians[0]:F2}"))} |"));
            }
        }
        finally
        {
            foreach (var (_, backend) in variants) backend.Dispose();
        }
        var names = variants.Select(v => $"{v.Name} ({v.Backend.GemmPath}) ms").ToArray();
        var table = string.Join('\n', [
            $"ILGPU GEMM paths on {variants[0].Backend.AcceleratorName}, median of {repeats} interleaved runs (product + copy of the result to the host)",
            "",
            $"| shape | {string.Join(" | ", names)} | {string.Join(" | ", variants.Skip(1).Select(v => $"{v.Name} / direct"))} |",
            $"|---|{string.Concat(Enumerable.Repeat("---:|", 2 * variants.Count - 1))}",
            .. rows]);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "gemm.md"), table + "\n");
        return table;
    }

    private static Tensor Random(IBackend backend, long[] shape, int seed)
    {
        var random = new Random(seed);
        long n = shape.Aggregate(1L, (x, y) => x * y);
        return backend.FromArray(Enumerable.Range(0, (int)n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray(), shape);
    }
}
