using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Tensors;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Tests.Backends;

/// <summary>bf16 and channels-last paths agree with the fp32, contiguous reference.</summary>
public class PrecisionAndLayoutTests
{
    private readonly IBackend _backend = new TorchBackend();

    private static double MaxAbs(float[] a, float[] b) => a.Zip(b).Max(p => Math.Abs(p.First - p.Second));

    [Fact]
    public void Channels_last_input_gives_the_contiguous_result()
    {
        var net = RegNetModel.FromPreset("regnety_micro", 6).Materialize(_backend, 1);
        net.SetTraining(false);
        using var scope = _backend.NewScope();
        var x = _backend.RandomNormal([2, 3, 32, 32], 0, 1, 2);
        var reference = net.Forward(x).ToFloatArray();
        var nhwc = _backend.ToMemoryFormat(x, MemoryFormat.ChannelsLast);
        Assert.Equal(x.Shape, nhwc.Shape);
        Assert.Equal(x.ToFloatArray(), nhwc.ToFloatArray());            // same values, only strides differ
        Assert.True(MaxAbs(reference, net.Forward(nhwc).ToFloatArray()) < 1e-4);
    }

    [Fact]
    public void Bf16_forward_and_backward_track_fp32()
    {
        var fp32 = RegNetModel.FromPreset("regnety_micro", 6).Materialize(_backend, 3);
        var bf16 = RegNetModel.FromPreset("regnety_micro", 6).Materialize(_backend, 3);
        bf16.MoveTo(Device.Cpu, DType.BFloat16);
        Assert.All(bf16.NamedParameters(), kv => Assert.Equal(DType.BFloat16, kv.Value.Value.DType));
        fp32.SetTraining(false);
        bf16.SetTraining(false);

        using var scope = _backend.NewScope();
        var x = _backend.RandomNormal([4, 3, 32, 32], 0, 1, 4);
        // pooled trunk features are O(1); the logits of the N(0, 0.01²) classifier are too small to compare relatively
        var y32 = fp32.ForwardFeatures(x);
        var y16 = bf16.ForwardFeatures(x.Cast(DType.BFloat16));
        Assert.Equal(DType.BFloat16, y16.DType);
        var a = y32.ToFloatArray();
        var b = y16.ToFloatArray();
        double scale = a.Max(v => Math.Abs(v));
        Assert.True(MaxAbs(a, b) <= 0.03 * scale, $"bf16 deviates by {MaxAbs(a, b)} (scale {scale})");

        y16.Sum().Backward();
        var g = bf16.NamedParameters().Single(kv => kv.Key == "stem.0.weight").Value.Value.Grad!;
        Assert.Equal(DType.BFloat16, g.DType);
        Assert.Contains(g.ToFloatArray(), v => v != 0);
    }
}

/// <summary>bf16 convolutions against fp32 convolutions of the same bf16-rounded operands, over awkward channel counts.</summary>
public class Bf16ConvolutionTests
{
    private readonly IBackend _backend = new TorchBackend();

    [Theory]
    [InlineData(3, 8, 3, 1)]      // stem-like: C_out not a multiple of 16 (libtorch's NCHW bf16 kernel gets these wrong)
    [InlineData(8, 8, 3, 1)]
    [InlineData(32, 24, 3, 1)]
    [InlineData(16, 16, 3, 1)]
    [InlineData(16, 16, 3, 2)]
    [InlineData(8, 8, 3, 8)]
    [InlineData(16, 8, 1, 1)]
    public void Bf16_conv_matches_fp32_on_rounded_operands(int cin, int cout, int k, int groups)
    {
        using var scope = _backend.NewScope();
        var x = _backend.RandomNormal([4, cin, 16, 16], 0, 1, 1).Cast(DType.BFloat16);
        var w = _backend.RandomNormal([cout, cin / groups, k, k], 0, 0.3, 2).Cast(DType.BFloat16);
        var reference = _backend.Conv2d(x.Cast(DType.Float32), w.Cast(DType.Float32), null, 1, k / 2, 1, groups).ToFloatArray();
        var actual = _backend.Conv2d(x, w, null, 1, k / 2, 1, groups).ToFloatArray();
        double scale = reference.Max(v => Math.Abs(v));
        double dev = reference.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(dev <= 0.01 * scale, $"bf16 conv deviates by {dev} at scale {scale}");
    }
}

/// <summary>Strided 1×1 convolutions (RegNet projections) on channels-last input: values and gradients.</summary>
public class StridedPointwiseConvolutionTests
{
    private readonly IBackend _backend = new TorchBackend();

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.BFloat16)]
    public void Strided_pointwise_conv_matches_subsampled_reference_in_channels_last(DType dtype)
    {
        using var scope = _backend.NewScope();
        var x = _backend.ToMemoryFormat(_backend.RandomNormal([4, 8, 16, 16], 0, 1, 1).Cast(dtype), MemoryFormat.ChannelsLast);
        var w = _backend.RandomNormal([16, 8, 1, 1], 0, 0.3, 2).Cast(dtype);
        _backend.SetRequiresGrad(w, true);
        var y = _backend.Conv2d(x, w, null, stride: 2);
        Assert.Equal(new long[] { 4, 16, 8, 8 }, y.Shape);
        y.Sum().Backward();

        // reference: y[n,o,i,j] = Σ_c w[o,c] x[n,c,2i,2j], so ∂Σy/∂w[o,c] = Σ_{n,i,j} x[n,c,2i,2j]
        var xs = x.Cast(DType.Float32).ToFloatArray();
        var expected = new double[8];
        for (int n = 0; n < 4; n++)
            for (int c = 0; c < 8; c++)
                for (int i = 0; i < 16; i += 2)
                    for (int j = 0; j < 16; j += 2)
                        expected[c] += xs[((n * 8 + c) * 16 + i) * 16 + j];
        var grad = w.Grad!.ToDoubleArray();
        double tol = dtype == DType.BFloat16 ? 0.02 : 1e-4;
        for (int o = 0; o < 16; o++)
            for (int c = 0; c < 8; c++)
                Assert.True(Math.Abs(grad[o * 8 + c] - expected[c]) <= tol * (1 + Math.Abs(expected[c])), $"dW[{o},{c}]");
    }
}
