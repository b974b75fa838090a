using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.Backends;

/// <summary>
/// Regression for libtorch 2.10's CPU NCHW convolution: it reorders activations into oneDNN's 16-channel-blocked layout
/// without reliably zeroing the padded channels, so after some tens of calls stale NaNs in reused memory turn whole
/// outputs into NaN (24 input channels pad to 32). The backend runs CPU convolutions channels-last, which has no padding.
/// </summary>
public class ConvolutionPaddingTests
{
    private readonly IBackend _backend = new TorchBackend();

    [Fact]
    public void Repeated_fp32_convolution_of_a_contiguous_batch_stays_finite_and_identical()
    {
        var x = _backend.Persist(_backend.RandomNormal([256, 24, 14, 14], 0, 0.5, 1));
        var w = _backend.Persist(_backend.RandomNormal([72, 24, 3, 3], 0, 0.3, 2));
        float[]? first = null;
        using var noGrad = _backend.NoGrad();
        for (int it = 0; it < 250; it++)
        {
            using var scope = _backend.NewScope();
            var input = _backend.FromArray(x.ToFloatArray(), x.Shape);         // fresh NCHW-contiguous tensor each call
            var y = _backend.Conv2d(input, w, null, 1, 1).ToFloatArray();
            int nonFinite = y.Count(v => !float.IsFinite(v));
            Assert.True(nonFinite == 0, $"call {it}: {nonFinite} of {y.Length} outputs are not finite");
            first ??= y;
            Assert.True(first.AsSpan().SequenceEqual(y), $"call {it}: output differs from the first call");
        }
    }
}
