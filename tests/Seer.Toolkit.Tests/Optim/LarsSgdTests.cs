using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Optim;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.Optim;

/// <summary>LARS SGD against the LARC + PyTorch SGD update written out on host arrays.</summary>
public class LarsSgdTests
{
    private static readonly TorchBackend Backend = new();

    private static readonly double[] W0 = [0.5, -1.2, 0.3, 2.0, -0.7, 0.9];
    private static readonly double[] B0 = [0.1, -0.2, 0.05];
    private static readonly double[][] WGrads = [[0.02, -0.01, 0.03, 0.05, -0.04, 0.01], [-0.03, 0.02, 0.01, -0.02, 0.06, 0.02]];
    private static readonly double[][] BGrads = [[0.4, -0.1, 0.2], [0.1, 0.3, -0.2]];

    /// <summary>A weight [2, 3] and a bias [3] as materialised parameters (float64 unless told).</summary>
    private static KeyValuePair<string, Parameter>[] Parameters(DType dtype = DType.Float64, double[]? bias = null) =>
        [new("fc.weight", Slot(W0, [2, 3], dtype)), new("fc.bias", Slot(bias ?? B0, [3], dtype))];

    private static Parameter Slot(double[] values, long[] shape, DType dtype)
    {
        var p = new Parameter(shape, Init.Zeros, dtype);
        var t = Backend.Persist(Backend.FromArray(values, shape).Cast(dtype));
        Backend.SetRequiresGrad(t, true);
        p.Assign(t);
        return p;
    }

    /// <summary>Sets ∂/∂p of Σ p ⊙ c, i.e. a gradient equal to c, for every parameter.</summary>
    private static void SetGradients(KeyValuePair<string, Parameter>[] ps, int step)
    {
        foreach (var (_, p) in ps) Backend.ZeroGrad(p.Value);
        var w = ps[0].Value.Value;
        var b = ps[1].Value.Value;
        var loss = Backend.Sum(w * Backend.FromArray(WGrads[step], [2, 3]).Cast(w.DType))
                 + Backend.Sum(b * Backend.FromArray(BGrads[step], [3]).Cast(b.DType));
        loss.Backward();
    }

    /// <summary>LARC then SGD on host arrays: a, d = (g + λw)·a, v = μv + d, w −= lr·v.</summary>
    private static void Reference(double[] w, double[] g, double[] v, double lr, LarsSgdOptions o, bool excluded)
    {
        double decay = excluded ? 0 : o.WeightDecay, adapt = 1;
        if (o.Lars && !excluded)
        {
            double wn = Math.Sqrt(w.Sum(x => x * x)), gn = Math.Sqrt(g.Sum(x => x * x));
            if (wn != 0 && gn != 0)
            {
                adapt = o.TrustCoefficient * wn / (gn + decay * wn + o.Eps);
                if (o.Clip) adapt = Math.Min(adapt / lr, 1);
            }
            else decay = 0;
        }
        for (int i = 0; i < w.Length; i++)
        {
            double d = (g[i] + decay * w[i]) * adapt;
            v[i] = o.Momentum * v[i] + d;
            w[i] -= lr * v[i];
        }
    }

    /// <summary>Two steps of the optimizer and of the reference; returns the largest difference.</summary>
    private static double TwoSteps(LarsSgdOptions options, double lr, DType dtype = DType.Float64, double[]? bias = null)
    {
        var ps = Parameters(dtype, bias);
        var opt = new LarsSgd(ps, options, lr);
        double[] w = [.. W0], b = [.. bias ?? B0], vw = new double[6], vb = new double[3];
        double worst = 0;
        for (int step = 0; step < 2; step++)
        {
            SetGradients(ps, step);
            opt.Step();
            Reference(w, WGrads[step], vw, lr, options, excluded: false);
            Reference(b, BGrads[step], vb, lr, options, excluded: options.ExcludeOneDimensional);
            worst = Math.Max(worst, Diff(w, ps[0].Value.Value.ToDoubleArray()));
            worst = Math.Max(worst, Diff(b, ps[1].Value.Value.ToDoubleArray()));
        }
        return worst;
    }

    private static double Diff(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    [Theory]
    [InlineData(false, 1e-4, false)]
    [InlineData(false, 0.0, false)]
    [InlineData(true, 1e-4, false)]
    [InlineData(false, 1e-4, true)]
    [InlineData(true, 0.0, true)]
    [InlineData(true, 1e-2, true)]
    public void Two_steps_match_the_formula(bool clip, double weightDecay, bool excludeOneDimensional)
    {
        var options = new LarsSgdOptions { Momentum = 0.9, WeightDecay = weightDecay, Clip = clip, ExcludeOneDimensional = excludeOneDimensional };
        Assert.True(TwoSteps(options, lr: 4.8) <= 1e-14);
        Assert.True(TwoSteps(options, lr: 0.01) <= 1e-14);
    }

    [Fact]
    public void Clip_caps_the_local_rate_at_the_global_rate()
    {
        // trust ratio 0.001·‖w‖/‖g‖ ≈ 0.036 for the weight: with lr = 0.01 clipping makes it plain SGD (a = 1),
        // with lr = 4.8 it leaves a / lr ≈ 0.0074
        var ps = Parameters();
        SetGradients(ps, 0);
        var clipped = new LarsSgd(ps, new LarsSgdOptions { Clip = true, WeightDecay = 0 }, 0.01).Step();
        Assert.Equal(1.0, clipped["fc.weight"]);
        ps = Parameters();
        SetGradients(ps, 0);
        var adapted = new LarsSgd(ps, new LarsSgdOptions { Clip = true, WeightDecay = 0 }, 4.8).Step();
        double local = 0.001 * Math.Sqrt(W0.Sum(x => x * x)) / (Math.Sqrt(WGrads[0].Sum(x => x * x)) + 1e-8);
        Assert.Equal(local / 4.8, adapted["fc.weight"], 1e-15);
        Assert.True(adapted["fc.weight"] < 1);
    }

    [Fact]
    public void Float32_parameters_follow_the_formula_to_float32_precision()
    {
        var options = new LarsSgdOptions { WeightDecay = 1e-4 };
        Assert.True(TwoSteps(options, lr: 4.8, dtype: DType.Float32) <= 1e-6);
    }

    [Fact]
    public void Without_trust_adaptation_it_is_plain_pytorch_sgd()
    {
        var options = new LarsSgdOptions { Lars = false, Momentum = 0.9, WeightDecay = 1e-3 };
        var ps = Parameters();
        var opt = new LarsSgd(ps, options, 0.1);
        double[] w = [.. W0], vw = new double[6];
        for (int step = 0; step < 2; step++)
        {
            SetGradients(ps, step);
            var ratios = opt.Step();
            Assert.All(ratios.Values, a => Assert.Equal(1.0, a));
            for (int i = 0; i < 6; i++)          // torch.optim.SGD: d = g + λw; v = μv + d (v₀ = d); w −= lr·v
            {
                double d = WGrads[step][i] + 1e-3 * w[i];
                vw[i] = step == 0 ? d : 0.9 * vw[i] + d;
                w[i] -= 0.1 * vw[i];
            }
            Assert.True(Diff(w, ps[0].Value.Value.ToDoubleArray()) <= 1e-15);
        }
    }

    [Fact]
    public void A_zero_norm_parameter_is_neither_adapted_nor_decayed_as_in_LARC()
    {
        var options = new LarsSgdOptions { WeightDecay = 0.1 };
        Assert.True(TwoSteps(options, lr: 1.0, bias: [0.0, 0.0, 0.0]) <= 1e-14);
        var ps = Parameters(bias: [0.0, 0.0, 0.0]);
        SetGradients(ps, 0);
        var ratios = new LarsSgd(ps, options, 1.0).Step();
        Assert.Equal(1.0, ratios["fc.bias"]);
        Assert.Equal(BGrads[0].Select(g => -g), ps[1].Value.Value.ToDoubleArray());
    }

    [Fact]
    public void A_zeroed_gradient_leaves_the_weight_in_place_like_a_frozen_prototype()
    {
        var ps = Parameters();
        SetGradients(ps, 0);
        Backend.ZeroGrad(ps[0].Value.Value);                          // what SwAVHead.FreezePrototypes does
        new LarsSgd(ps, new LarsSgdOptions { WeightDecay = 0.1 }, 4.8).Step();
        Assert.Equal(W0, ps[0].Value.Value.ToDoubleArray());
        Assert.NotEqual(B0, ps[1].Value.Value.ToDoubleArray());
    }

    [Fact]
    public void Momentum_zero_keeps_no_state_and_parameters_without_gradient_are_skipped()
    {
        var ps = Parameters();
        var opt = new LarsSgd(ps, new LarsSgdOptions { Momentum = 0, WeightDecay = 1e-4 }, 0.5);
        Assert.Empty(opt.Step());                                    // no gradients yet: nothing moves
        Assert.Equal(W0, ps[0].Value.Value.ToDoubleArray());
        Assert.True(TwoSteps(new LarsSgdOptions { Momentum = 0, WeightDecay = 1e-4 }, 0.5) <= 1e-14);
        SetGradients(ps, 0);
        opt.Step();
        Assert.Empty(opt.ExportState());
    }

    [Fact]
    public void Momentum_state_exports_and_imports_by_name()
    {
        var options = new LarsSgdOptions { WeightDecay = 1e-4 };
        var a = Parameters();
        var optA = new LarsSgd(a, options, 2.0);
        SetGradients(a, 0);
        optA.Step();
        var state = optA.ExportState();
        Assert.Equal(["fc.weight.momentum_buffer", "fc.bias.momentum_buffer"], state.Select(kv => kv.Key));

        // a second optimizer on equal weights, loaded with the buffers, takes the identical second step
        var b = Parameters();
        for (int i = 0; i < 2; i++) Backend.CopyInPlace(b[i].Value.Value, a[i].Value.Value);
        var optB = new LarsSgd(b, options, 2.0);
        optB.ImportState(state);
        SetGradients(a, 1);
        SetGradients(b, 1);
        optA.Step();
        optB.Step();
        for (int i = 0; i < 2; i++) Assert.Equal(a[i].Value.Value.ToDoubleArray(), b[i].Value.Value.ToDoubleArray());

        Assert.Throws<ArgumentException>(() => optB.ImportState([new("fc.gamma.momentum_buffer", Backend.Zeros([3], DType.Float64))]));
        Assert.Throws<ArgumentException>(() => optB.ImportState([new("fc.bias.momentum_buffer", Backend.Zeros([4], DType.Float64))]));
    }

    [Fact]
    public void Half_precision_parameters_are_refused()
    {
        var ps = Parameters(DType.BFloat16);
        SetGradients(ps, 0);
        var error = Assert.Throws<InvalidOperationException>(() => new LarsSgd(ps, new LarsSgdOptions(), 0.1).Step());
        Assert.Contains("fp32 master weights", error.Message);
    }
}
