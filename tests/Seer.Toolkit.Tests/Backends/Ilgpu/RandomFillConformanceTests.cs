using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Tensors;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>
/// ILGPU's seeded fills reproduce TorchSharp's (libtorch's CPU MT19937 and its rand/randn draws), so a model materialised with
/// the same seed starts from the same weights on both backends: below 16 values (libtorch's double-precision Box–Muller pairs),
/// at whole blocks of 16, and with a tail that libtorch draws again; and the micro recipe's trunk and head as a whole.
/// </summary>
public sealed class RandomFillConformanceTests(IlgpuCpuBackendFixture fixture) : IClassFixture<IlgpuCpuBackendFixture>
{
    private static readonly TorchBackend Torch = new();

    [Theory]
    [InlineData(1, 0L)]
    [InlineData(7, 3L)]
    [InlineData(15, 12345L)]
    [InlineData(16, 0L)]
    [InlineData(17, 1L)]
    [InlineData(250, 77L)]
    [InlineData(3 * 8 * 3 * 3, 5_000_000_123L)]
    [InlineData(4099, 2L)]
    public void Normal_fills_equal_torchsharp_for_the_same_seed(int count, long seed)
    {
        var expected = Torch.ToFloatArray(Torch.RandomNormal([count], 0.25, 1.5, seed));
        using var actual = fixture.Backend.RandomNormal([count], 0.25, 1.5, seed);
        AssertClose(expected, actual.ToFloatArray(), $"N(0.25, 1.5²) of {count} values, seed {seed}");
    }

    [Theory]
    [InlineData(1, 0L)]
    [InlineData(10, 9L)]
    [InlineData(700, 5_000_000_123L)]
    public void Uniform_fills_equal_torchsharp_for_the_same_seed(int count, long seed)
    {
        var expected = Torch.ToFloatArray(Torch.RandomUniform([count], -0.5, 2, seed));
        using var actual = fixture.Backend.RandomUniform([count], -0.5, 2, seed);
        AssertClose(expected, actual.ToFloatArray(), $"U[-0.5, 2) of {count} values, seed {seed}");
    }

    [Fact]
    public void The_micro_recipe_materialises_the_same_trunk_and_head_on_both_backends()
    {
        var o = PretrainPresets.Get("micro");
        Dictionary<string, float[]> State(IBackend b)
        {
            var trunk = RegNetModel.FromPreset(o.Arch, 0).Materialize(b, o.Seed);
            var head = new SwAVHead([trunk.FeatureWidth, .. o.HeadDims], o.Prototypes, o.HeadBatchNorm).Materialize(b, o.Seed + 1);
            head.NormalizePrototypes();
            return trunk.StateSlots("trunk").Concat(head.StateSlots("head"))
                .Where(kv => kv.Value.DType == DType.Float32)
                .ToDictionary(kv => kv.Key, kv => b.ToFloatArray(kv.Value.Value));
        }
        var expected = State(Torch);
        var actual = State(fixture.Differentiable);
        Assert.Equal(expected.Keys, actual.Keys);
        Assert.Contains(expected.Values, v => v.Any(x => x != 0 && x != 1));                    // random slots, not only constants
        foreach (var (name, values) in expected) AssertClose(values, actual[name], name);
    }

    [Fact]
    public void Different_seeds_give_different_fills()
    {
        using var a = fixture.Backend.RandomNormal([64], 0, 1, 1);
        using var b = fixture.Backend.RandomNormal([64], 0, 1, 2);
        Assert.NotEqual(a.ToFloatArray(), b.ToFloatArray());
    }

    /// <summary>Equal up to the last bits of float32 log/sin/cos: |a − e| ≤ 1e-6 · max(1, |e|).</summary>
    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])),
                $"{what}: element {i} is {actual[i]:R}, TorchSharp {expected[i]:R}");
    }
}
