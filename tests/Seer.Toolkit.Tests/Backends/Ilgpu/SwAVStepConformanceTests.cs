using System.Diagnostics;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Optim;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Tensors;
using Xunit.Abstractions;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>
/// One full SwAV update on the <c>micro</c> recipe (regnety_micro trunk, 32 → 16 head with BN, 10 prototypes, 2×16 px + 2×8 px
/// crops of 4 images, Sinkhorn, swapped prediction, LARS SGD) run from the same weights and pixels on TorchSharp and on the
/// ILGPU CPU accelerator under the autodiff decorator: loss, every parameter's gradient, and every parameter and buffer
/// after the step agree within 1e-4 relative (per tensor: max |x − r| ≤ 1e-4 · max |r| + 1e-7; the absolute floor matters only
/// for gradients that vanish analytically, such as the bias of the linear layer before the head's batch norm, where both
/// backends return float32 rounding noise of order 1e-8).
/// </summary>
public sealed class SwAVStepConformanceTests(IlgpuCpuBackendFixture fixture, ITestOutputHelper output) : IClassFixture<IlgpuCpuBackendFixture>
{
    private const double Tolerance = 1e-4;
    private const double AbsoluteFloor = 1e-7;

    [Fact]
    public void A_micro_SwAV_step_gives_the_same_loss_gradients_and_update_on_both_backends()
    {
        var watch = Stopwatch.StartNew();
        var reference = TrainStep(new TorchBackend(), initialState: null);
        var torchTime = watch.Elapsed;
        watch.Restart();
        var actual = TrainStep(fixture.Differentiable, reference.InitialState);
        output.WriteLine($"micro step (build, first use included): TorchSharp {torchTime.TotalSeconds:F2} s, ILGPU CPU {watch.Elapsed.TotalSeconds:F2} s; " +
            $"loss {reference.Loss:R} vs {actual.Loss:R}");

        Assert.True(Math.Abs(actual.Loss - reference.Loss) <= Tolerance * Math.Abs(reference.Loss),
            $"loss {actual.Loss:R}, reference {reference.Loss:R}");
        Assert.Equal(reference.Gradients.Keys, actual.Gradients.Keys);
        foreach (var (name, r) in reference.Gradients) AssertClose($"∂L/∂{name}", r, actual.Gradients[name]);
        Assert.Equal(reference.FinalState.Keys, actual.FinalState.Keys);
        foreach (var (name, r) in reference.FinalState) AssertClose($"{name} after the step", r, actual.FinalState[name]);
    }

    private static void AssertClose(string what, double[] r, double[] x)
    {
        Assert.Equal(r.Length, x.Length);
        double scale = r.Length == 0 ? 0 : r.Max(Math.Abs);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < r.Length; i++)
        {
            double d = Math.Abs(x[i] - r[i]);
            if (d > worst) (worst, at) = (d, i);
        }
        Assert.True(worst <= Tolerance * scale + AbsoluteFloor, $"{what}: element {at} is {(at < 0 ? 0 : x[at]):R}, reference {(at < 0 ? 0 : r[at]):R} (max |r| {scale:R})");
    }

    internal sealed record StepResult(double Loss, Dictionary<string, double[]> Gradients, Dictionary<string, double[]> FinalState,
        Dictionary<string, byte[]> InitialState);

    /// <summary>SwAVPretrainer's update on fixed pixels: trunk per resolution → head → loss → backward → LARS step.</summary>
    internal static StepResult TrainStep(IBackend b, Dictionary<string, byte[]>? initialState)
    {
        var o = PretrainPresets.Get("micro");
        using var scope = b.NewScope();
        var trunk = RegNetModel.FromPreset(o.Arch, 0).Materialize(b, o.Seed);
        var head = new SwAVHead([trunk.FeatureWidth, .. o.HeadDims], o.Prototypes, o.HeadBatchNorm).Materialize(b, o.Seed + 1);
        var slots = trunk.StateSlots("trunk").Concat(head.StateSlots("head")).ToList();
        if (initialState is not null)
            foreach (var (name, slot) in slots)
                b.CopyInPlace(slot.Value, b.FromBytes(initialState[name], slot.DType, slot.Shape));
        head.NormalizePrototypes();
        var initial = slots.ToDictionary(kv => kv.Key, kv => b.ToBytes(kv.Value.Value));

        var loss = new SwAVLoss(new SwAVLossOptions
        {
            NumCrops = o.Crops.TotalCrops, CropsForAssign = [0, 1], Temperature = o.Temperature, Epsilon = o.Epsilon,
            SinkhornIterations = o.SinkhornIterations,
        });
        var parameters = trunk.NamedParameters("trunk").Concat(head.NamedParameters("head")).ToList();
        var optimizer = new LarsSgd(parameters, new LarsSgdOptions
        {
            Momentum = o.Momentum, WeightDecay = o.WeightDecay, Lars = o.Lars, Clip = o.LarsClip,
        }, learningRate: 0.3);

        var features = new List<Tensor>();
        for (int r = 0; r < o.Crops.Sizes.Length; r++)
        {
            long n = o.Crops.Counts[r] * o.BatchSize, side = o.Crops.Sizes[r];
            long[] shape = [n, 3, side, side];
            features.Add(trunk.ForwardFeatures(ConformanceInputs.Signed(b, 500 + r, shape)));     // [crops·B, w]
        }
        var output = head.ForwardWithEmbeddings(b.Cat(features, 0));                              // crop-major
        var value = loss.Forward(output, head, iteration: 10);
        double lossValue = value.Item();
        value.Backward();
        var gradients = parameters.ToDictionary(kv => kv.Key, kv => kv.Value.Value.Grad!.ToDoubleArray());
        optimizer.Step();
        var final = slots.ToDictionary(kv => kv.Key, kv => kv.Value.Value.ToDoubleArray());
        return new StepResult(lossValue, gradients, final, initial);
    }
}
