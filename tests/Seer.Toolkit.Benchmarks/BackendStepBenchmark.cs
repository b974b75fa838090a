using System.Diagnostics;
using System.Globalization;
using ILGPU.Runtime.CPU;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.Autodiff;
using Seer.Toolkit.Backends.Ilgpu;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Optim;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Tensors;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Benchmarks;

/// <summary>
/// Step time of one SwAV update on the <c>micro</c> recipe (trunk per resolution → head → Sinkhorn loss → backward → LARS)
/// on TorchSharp and on ILGPU's CPU accelerator (parallel and sequential thread emulation) under the autodiff decorator.
/// The model is built once per backend; steps of the variants are interleaved and the median per variant is reported.
/// </summary>
public static class BackendStepBenchmark
{
    /// <summary>Runs <paramref name="repeats"/> interleaved steps per variant after one warm-up each; returns a Markdown table.</summary>
    public static string Run(string outDir, int repeats, int torchThreads)
    {
        using var parallel = new IlgpuBackend(new IlgpuBackendOptions { CpuMode = CPUAcceleratorMode.Parallel });
        using var sequential = new IlgpuBackend(new IlgpuBackendOptions { CpuMode = CPUAcceleratorMode.Sequential });
        var torch = new TorchBackend { Threads = torchThreads };
        var variants = new (string Name, MicroStep Step)[]
        {
            ($"TorchSharp (libtorch 2.10 CPU, {torchThreads} threads)", new MicroStep(torch)),
            ("ILGPU CPU accelerator, parallel emulation + autodiff decorator", new MicroStep(new AutodiffBackend(parallel))),
            ("ILGPU CPU accelerator, sequential emulation + autodiff decorator", new MicroStep(new AutodiffBackend(sequential))),
        };
        var first = variants.Select(v => v.Step.Time()).ToArray();            // kernel compilation and first use
        var times = variants.Select(_ => new List<double>()).ToArray();
        for (int i = 0; i < repeats; i++)
            for (int v = 0; v < variants.Length; v++) times[v].Add(variants[v].Step.Time());
        var medians = times.Select(t => t.Order().ElementAt(t.Count / 2)).ToArray();
        var rows = variants.Select((v, i) => string.Create(CultureInfo.InvariantCulture,
            $"| {v.Name} | {first[i] * 1e3:F0} | {medians[i] * 1e3:F1} | {times[i].Min() * 1e3:F1}–{times[i].Max() * 1e3:F1} | {medians[i] / medians[0]:F1} |"));
        var table = string.Join('\n', [
            $"SwAV `micro` update (regnety_micro, head 32 → 16 with BN, 10 prototypes, 2×16 px + 2×8 px crops of 4 images, LARS), median of {repeats} interleaved steps",
            "",
            "| backend | first step ms | median step ms | range ms | median / TorchSharp |",
            "|---|---:|---:|---:|---:|",
            .. rows]);
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "backends.md"), table + "\n");
        return table;
    }

    /// <summary>The micro recipe's model, loss and optimizer on one backend, stepping on fixed pixels.</summary>
    private sealed class MicroStep
    {
        private readonly IBackend _b;
        private readonly RegNetModel _trunk;
        private readonly SwAVHead _head;
        private readonly SwAVLoss _loss;
        private readonly LarsSgd _optimizer;
        private readonly PretrainOptions _o = PretrainPresets.Get("micro");
        private readonly float[][] _pixels;

        public MicroStep(IBackend b)
        {
            _b = b;
            _trunk = RegNetModel.FromPreset(_o.Arch, 0).Materialize(b, _o.Seed);
            _head = new SwAVHead([_trunk.FeatureWidth, .. _o.HeadDims], _o.Prototypes, _o.HeadBatchNorm).Materialize(b, _o.Seed + 1);
            _head.NormalizePrototypes();
            _loss = new SwAVLoss(new SwAVLossOptions
            {
                NumCrops = _o.Crops.TotalCrops, CropsForAssign = [0, 1], Temperature = _o.Temperature, Epsilon = _o.Epsilon,
                SinkhornIterations = _o.SinkhornIterations,
            });
            var parameters = _trunk.NamedParameters("trunk").Concat(_head.NamedParameters("head")).ToList();
            _optimizer = new LarsSgd(parameters, new LarsSgdOptions
            {
                Momentum = _o.Momentum, WeightDecay = _o.WeightDecay, Lars = _o.Lars, Clip = _o.LarsClip,
            }, learningRate: 0.3);
            var random = new Random(5);
            _pixels = [.. Enumerable.Range(0, _o.Crops.Sizes.Length).Select(r =>
                Enumerable.Range(0, (int)(_o.Crops.Counts[r] * _o.BatchSize * 3 * _o.Crops.Sizes[r] * _o.Crops.Sizes[r]))
                    .Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray())];
        }

        /// <summary>Seconds for one update: forward, loss, backward, optimizer step, result read back to the host.</summary>
        public double Time()
        {
            var watch = Stopwatch.StartNew();
            using (_b.NewScope())
            {
                var features = new List<Tensor>();
                for (int r = 0; r < _o.Crops.Sizes.Length; r++)
                {
                    long n = _o.Crops.Counts[r] * _o.BatchSize, side = _o.Crops.Sizes[r];
                    features.Add(_trunk.ForwardFeatures(_b.FromArray(_pixels[r], [n, 3, side, side])));    // [crops·B, w]
                }
                var value = _loss.Forward(_head.ForwardWithEmbeddings(_b.Cat(features, 0)), _head, iteration: 10);
                _ = value.Item();
                value.Backward();
                _optimizer.Step();
                _optimizer.ZeroGrad();
            }
            return watch.Elapsed.TotalSeconds;
        }
    }
}
