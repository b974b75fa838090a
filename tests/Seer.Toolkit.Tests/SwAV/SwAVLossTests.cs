using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Tensors;
using static Seer.Toolkit.Tests.SwAV.SwAVReference;

namespace Seer.Toolkit.Tests.SwAV;

/// <summary>The swapped-prediction loss against the formula, and its gradient against central finite differences.</summary>
public class SwAVLossTests
{
    private static readonly TorchBackend Backend = new();
    private const int B = 3, K = 5, Crops = 3;

    private static SwAVLoss NewLoss() => new(new SwAVLossOptions
    {
        NumCrops = Crops, CropsForAssign = [0, 1], Temperature = 0.1, Epsilon = 0.05, SinkhornIterations = 3,
    });

    [Fact]
    public void Value_equals_the_formula_on_two_global_crops_and_one_local_crop()
    {
        var scores = Scores(Crops * B, K);
        var loss = NewLoss();
        var t = Backend.FromArray(Flat(scores), [Crops * B, K]);
        double actual = loss.Forward(t).Item();

        // the codes: Sinkhorn of each global crop's own scores, in double
        var codes = new[] { Sinkhorn(Rows(scores, 0, B), 0.05, 3), Sinkhorn(Rows(scores, B, B), 0.05, 3) };
        double expected = Loss(scores, Crops, [0, 1], codes, 0.1);
        Assert.True(Math.Abs(actual - expected) <= 1e-5 * Math.Abs(expected), $"loss {actual:R}, formula {expected:R}");

        // with the component's own (float32) codes the float64 prediction term agrees to rounding
        var own = loss.Assignments(t).Select(q => Matrix(q.ToDoubleArray(), B, K)).ToArray();
        Assert.Equal(Loss(scores, Crops, [0, 1], own, 0.1), loss.SwappedPrediction(t, loss.Assignments(t)).Item(), 1e-12);
    }

    [Fact]
    public void Assignment_crops_are_configurable()
    {
        var scores = Scores(Crops * B, K, phase: 1.1);
        var loss = new SwAVLoss(new SwAVLossOptions { NumCrops = Crops, CropsForAssign = [1], Epsilon = 0.03, SinkhornIterations = 5 });
        double actual = loss.Forward(Backend.FromArray(Flat(scores), [Crops * B, K])).Item();
        double expected = Loss(scores, Crops, [1], [Sinkhorn(Rows(scores, B, B), 0.03, 5)], 0.1);
        Assert.True(Math.Abs(actual - expected) <= 1e-5 * Math.Abs(expected), $"loss {actual:R}, formula {expected:R}");
    }

    [Fact]
    public void Gradient_matches_central_finite_differences_with_codes_held_constant()
    {
        var loss = NewLoss();
        var values = Flat(Scores(Crops * B, K, phase: 0.8));
        var scores = Backend.FromArray(values, [Crops * B, K]);
        Backend.SetRequiresGrad(scores, true);
        loss.Forward(scores).Backward();
        var grad = scores.Grad!.ToDoubleArray();

        // the codes are detached, so the derivative sees them as constants: perturb the prediction term only
        var codes = loss.Assignments(scores);
        double At(double[] s) => loss.SwappedPrediction(Backend.FromArray(s, [Crops * B, K]), codes).Item();
        const double h = 1e-6;
        for (int i = 0; i < values.Length; i++)
        {
            var plus = (double[])values.Clone();
            var minus = (double[])values.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (At(plus) - At(minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - grad[i]) <= 1e-7 + 1e-5 * Math.Abs(numeric),
                $"∂L/∂s[{i / K},{i % K}]: autograd {grad[i]:E6}, finite difference {numeric:E6}");
        }
    }

    [Fact]
    public void Gradient_equals_the_closed_form_of_the_cross_entropy()
    {
        // ∂L/∂s_v = (1/|A|) Σ_{i: c_i≠v} (softmax(s_v/τ) Σ_k q_i − q_i) / (τ B (C − 1)); Σ_k q_i = 1 per row
        var loss = NewLoss();
        var values = Flat(Scores(Crops * B, K, phase: 2.0));
        var scores = Backend.FromArray(values, [Crops * B, K]);
        Backend.SetRequiresGrad(scores, true);
        loss.Forward(scores).Backward();
        var grad = scores.Grad!.ToDoubleArray();
        var codes = loss.Assignments(scores).Select(q => q.ToDoubleArray()).ToArray();
        int[] assign = [0, 1];
        for (int v = 0; v < Crops; v++)
            for (int b = 0; b < B; b++)
            {
                var row = Enumerable.Range(0, K).Select(k => values[(v * B + b) * K + k] / 0.1).ToArray();
                double max = row.Max(), z = row.Sum(x => Math.Exp(x - max));
                for (int k = 0; k < K; k++)
                {
                    double p = Math.Exp(row[k] - max) / z, expected = 0;
                    for (int a = 0; a < assign.Length; a++)
                    {
                        if (assign[a] == v) continue;
                        double qRow = Enumerable.Range(0, K).Sum(j => codes[a][b * K + j]);
                        expected += (p * qRow - codes[a][b * K + k]) / (0.1 * B * (Crops - 1));
                    }
                    expected /= assign.Length;
                    Assert.Equal(expected, grad[(v * B + b) * K + k], 1e-9);
                }
            }
    }

    [Fact]
    public void Half_precision_scores_are_promoted_and_bad_layouts_are_refused()
    {
        var loss = NewLoss();
        var scores = Backend.FromArray(Flat(Scores(Crops * B, K)), [Crops * B, K]);
        var full = loss.Forward(scores).Item();
        var bf16 = loss.Forward(scores.Cast(DType.BFloat16));
        Assert.Equal(DType.Float32, bf16.DType);
        Assert.Equal(full, bf16.Item(), 0.05);
        Assert.Throws<ArgumentException>(() => loss.Forward(Backend.Zeros([Crops * B + 1, K])));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SwAVLoss(new SwAVLossOptions { NumCrops = 2, CropsForAssign = [2] }));
    }
}
