using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.SwAV;

/// <summary>The SwAV head: VISSL names, sizes, the projection by hand, unit embeddings and prototypes, and freezing.</summary>
public class SwAVHeadTests
{
    private static readonly TorchBackend Backend = new();

    [Fact]
    public void State_names_follow_VISSL_with_and_without_batch_norm()
    {
        var withBn = new SwAVHead([8, 6, 4], 5, batchNorm: true).StateSlots().Select(kv => kv.Key).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "projection_head.0.weight", "projection_head.0.bias", "projection_head.1.weight", "projection_head.1.bias",
            "projection_head.1.running_mean", "projection_head.1.running_var", "projection_head.1.num_batches_tracked",
            "projection_head.3.weight", "projection_head.3.bias", "prototypes0.weight",
        }, withBn);
        Assert.Equal(10, withBn.Count);

        var seerLike = new SwAVHead([8, 6, 6, 4], 5).NamedParameters().Select(kv => kv.Key).ToArray();
        Assert.Equal(
            ["projection_head.0.weight", "projection_head.0.bias", "projection_head.2.weight", "projection_head.2.bias",
             "projection_head.4.weight", "projection_head.4.bias", "prototypes0.weight"],
            seerLike);
    }

    [Fact]
    public void Presets_count_parameters_without_allocating()
    {
        long seer = 10444L * 8192 + 8192 + 8192L * 8192 + 8192 + 8192L * 256 + 256 + 16000L * 256;
        Assert.Equal(seer, SwAVHead.Seer(10444).CountParameters());
        long swav = 2048L * 2048 + 2048 + 2 * 2048 + 2048L * 128 + 128 + 3000L * 128;
        Assert.Equal(swav, SwAVHead.Swav().CountParameters());
    }

    [Fact]
    public void Forward_is_linear_bn_relu_linear_then_unit_embeddings_against_prototypes()
    {
        var head = new SwAVHead([5, 4, 3], 6, batchNorm: true).Materialize(Backend, 3);
        head.MoveTo(Device.Cpu, DType.Float64);
        var x = Backend.RandomNormal([7, 5], 0, 1, 9, DType.Float64);
        var (z, scores) = head.ForwardWithEmbeddings(x);
        Assert.Equal(new long[] { 7, 3 }, z.Shape);
        Assert.Equal(new long[] { 7, 6 }, scores.Shape);
        Assert.Equal(scores.ToDoubleArray(), head.Forward(x).ToDoubleArray());

        var p = head.NamedParameters().ToDictionary(kv => kv.Key, kv => kv.Value.Value.ToDoubleArray());
        var h = Dense(x.ToDoubleArray(), 7, 5, p["projection_head.0.weight"], p["projection_head.0.bias"], 4);
        for (int c = 0; c < 4; c++)              // training-mode BN: biased batch variance, ε = 1e-5, γ = 1, β = 0
        {
            double mean = Enumerable.Range(0, 7).Average(n => h[n * 4 + c]);
            double variance = Enumerable.Range(0, 7).Average(n => (h[n * 4 + c] - mean) * (h[n * 4 + c] - mean));
            for (int n = 0; n < 7; n++) h[n * 4 + c] = Math.Max(0, (h[n * 4 + c] - mean) / Math.Sqrt(variance + 1e-5));
        }
        var e = Dense(h, 7, 4, p["projection_head.3.weight"], p["projection_head.3.bias"], 3);
        var zHost = z.ToDoubleArray();
        var sHost = scores.ToDoubleArray();
        for (int n = 0; n < 7; n++)
        {
            double norm = Math.Sqrt(Enumerable.Range(0, 3).Sum(d => e[n * 3 + d] * e[n * 3 + d]));
            for (int d = 0; d < 3; d++) Assert.Equal(e[n * 3 + d] / norm, zHost[n * 3 + d], 1e-12);
            for (int k = 0; k < 6; k++)
                Assert.Equal(Enumerable.Range(0, 3).Sum(d => zHost[n * 3 + d] * p["prototypes0.weight"][k * 3 + d]), sHost[n * 6 + k], 1e-12);
        }
    }

    [Fact]
    public void Prototypes_start_and_are_renormalised_to_unit_rows()
    {
        var head = new SwAVHead([4, 3], 5).Materialize(Backend, 1);
        var c = head.Prototypes.Weight.Value;
        AssertUnitRows(c.ToDoubleArray(), 5, 3);

        var before = c.ToDoubleArray();
        Backend.AddInPlace(c, Backend.RandomNormal([5, 3], 0, 0.5, 2));
        Backend.MulScalarInPlace(c, 3.0);
        var scaled = c.ToDoubleArray();
        head.NormalizePrototypes();
        var after = c.ToDoubleArray();
        AssertUnitRows(after, 5, 3);
        for (int k = 0; k < 5; k++)             // direction kept: c_k ∥ scaled_k
        {
            double norm = Math.Sqrt(Enumerable.Range(0, 3).Sum(d => scaled[k * 3 + d] * scaled[k * 3 + d]));
            for (int d = 0; d < 3; d++) Assert.Equal(scaled[k * 3 + d] / norm, after[k * 3 + d], 1e-6);
        }
        Assert.NotEqual(before, after);
        Assert.True(Backend.RequiresGrad(c));
    }

    [Fact]
    public void Freezing_zeroes_the_prototype_gradient_only_before_iteration_n()
    {
        var head = new SwAVHead([4, 3], 5).Materialize(Backend, 1);
        var x = Backend.RandomNormal([6, 4], 0, 1, 4);
        var c = head.Prototypes.Weight.Value;
        var w0 = head.NamedParameters().Single(kv => kv.Key == "projection_head.0.weight").Value.Value;

        Backend.Sum(head.Forward(x).Pow(2)).Backward();
        var projectionGrad = w0.Grad!.ToDoubleArray();
        var protoGrad = c.Grad!.ToDoubleArray();
        Assert.Contains(protoGrad, v => v != 0);

        Assert.False(head.FreezePrototypes(iteration: 10, freezeIterations: 10));
        Assert.Equal(protoGrad, c.Grad!.ToDoubleArray());
        Assert.True(head.FreezePrototypes(iteration: 9, freezeIterations: 10));
        Assert.All(c.Grad!.ToDoubleArray(), v => Assert.Equal(0, v));
        Assert.Equal(projectionGrad, w0.Grad!.ToDoubleArray());
    }

    /// <summary>y = x Wᵀ + b on host arrays.</summary>
    private static double[] Dense(double[] x, int n, int inDim, double[] w, double[] b, int outDim)
    {
        var y = new double[n * outDim];
        for (int i = 0; i < n; i++)
            for (int o = 0; o < outDim; o++)
                y[i * outDim + o] = b[o] + Enumerable.Range(0, inDim).Sum(j => x[i * inDim + j] * w[o * inDim + j]);
        return y;
    }

    private static void AssertUnitRows(double[] m, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
            Assert.Equal(1.0, Math.Sqrt(Enumerable.Range(0, cols).Sum(j => m[r * cols + j] * m[r * cols + j])), 1e-6);
    }
}
