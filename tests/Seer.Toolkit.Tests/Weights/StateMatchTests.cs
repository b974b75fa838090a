using Seer.Toolkit.Tensors;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Tests.Weights;

public sealed class StateMatchTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, long[]> Shapes(params (string Key, long[] Shape)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Shape, StringComparer.Ordinal);

    [Fact]
    public void Identical_states_match()
    {
        var expected = Shapes(("stem.0.weight", [32, 3, 3, 3]), ("stem.1.weight", [32]));
        var result = StateMatch.Compute(expected, Shapes(("stem.0.weight", [32, 3, 3, 3]), ("stem.1.weight", [32])));
        Assert.True(result.IsMatch);
        result.ThrowIfMismatch();
    }

    [Fact]
    public void Missing_unexpected_and_misshaped_keys_are_named_with_shapes()
    {
        var expected = Shapes(("a.weight", [4, 2]), ("b.weight", [3]), ("c.weight", [1]));
        var found = Shapes(("a.weight", [4, 3]), ("c.weight", [1]), ("z.extra", [7, 7]));

        var result = StateMatch.Compute(expected, found);

        Assert.False(result.IsMatch);
        Assert.Equal(["b.weight"], result.Missing);
        Assert.Equal(["z.extra"], result.Unexpected);
        var mismatch = Assert.Single(result.ShapeMismatches);
        Assert.Equal("a.weight", mismatch.Key);
        Assert.Equal([4L, 2L], mismatch.Expected);
        Assert.Equal([4L, 3L], mismatch.Found);

        var ex = Assert.Throws<CheckpointMismatchException>(() => result.ThrowIfMismatch("ckpt.safetensors"));
        Assert.Contains("'ckpt.safetensors'", ex.Message);
        Assert.Contains("b.weight (expected [3])", ex.Message);
        Assert.Contains("z.extra (found [7, 7])", ex.Message);
        Assert.Contains("a.weight: expected [4, 2], found [4, 3]", ex.Message);
        Assert.Same(result, ex.Result);
    }

    [Fact]
    public void Long_lists_are_cut_after_20_with_a_count()
    {
        var expected = Enumerable.Range(0, 25).ToDictionary(i => $"k{i:D2}", _ => new long[] { 1 });
        var result = StateMatch.Compute(expected, new Dictionary<string, long[]>());

        var message = Assert.Throws<CheckpointMismatchException>(() => result.ThrowIfMismatch()).Message;
        Assert.Equal(25, result.Missing.Count);
        for (var i = 0; i < 20; i++) Assert.Contains($"k{i:D2} (expected [1])", message);
        for (var i = 20; i < 25; i++) Assert.DoesNotContain($"k{i:D2}", message);
        Assert.Contains("... and 5 more", message);
    }

    [Fact]
    public void Options_tolerate_head_and_batch_counters()
    {
        var expected = Shapes(("stem.1.weight", [8]), ("stem.1.num_batches_tracked", []), ("fc.weight", [10, 8]), ("fc.bias", [10]));
        var found = Shapes(("stem.1.weight", [8]));

        var strict = StateMatch.Compute(expected, found);
        Assert.Equal(["fc.bias", "fc.weight", "stem.1.num_batches_tracked"], strict.Missing);

        var lenient = StateMatch.Compute(expected, found, new StateMatchOptions { AllowMissingHead = true, IgnoreNumBatchesTracked = true });
        Assert.True(lenient.IsMatch);

        var trunkOnly = Shapes(("stem.1.weight", [8]));
        var withHead = Shapes(("stem.1.weight", [8]), ("fc.weight", [10, 8]), ("stem.1.num_batches_tracked", []));
        Assert.Equal(["fc.weight", "stem.1.num_batches_tracked"], StateMatch.Compute(trunkOnly, withHead).Unexpected);
        Assert.True(StateMatch.Compute(trunkOnly, withHead, new StateMatchOptions { AllowUnexpectedHead = true, IgnoreNumBatchesTracked = true }).IsMatch);
    }

    [Fact]
    public void Checkpoint_in_timm_names_matches_canonical_expectation()
    {
        var path = _dir.File("timm.safetensors");
        SafetensorsWriter.Write(path,
        [
            ("stem.conv.weight", DType.Float32, [4L, 3, 3, 3], new byte[4 * 27 * 4]),
            ("s1.b1.conv1.bn.running_mean", DType.Float32, [4L], new byte[16]),
            ("head.fc.bias", DType.Float32, [2L], new byte[8]),
            ("optimizer_state", DType.Int64, [1L], new byte[8]),
        ]);
        var expected = Shapes(
            ("stem.0.weight", [4, 3, 3, 3]),
            ("trunk_output.block1.block1-0.f.a.1.running_mean", [4]),
            ("fc.bias", [3]));

        using var reader = SafetensorsReader.Open(path);
        var result = StateMatch.Compute(expected, reader);

        Assert.Empty(result.Missing);
        Assert.Equal(["optimizer_state"], result.Unexpected);
        Assert.Equal("fc.bias", Assert.Single(result.ShapeMismatches).Key);
    }
}
