using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.RegNet;
using Seer.Toolkit.Tensors;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Tests.Backends;

/// <summary>Activation checkpointing: recomputation in backward gives the plain gradients and leaves running statistics alone.</summary>
public class ActivationCheckpointingTests
{
    private readonly IBackend _backend = new TorchBackend();

    private sealed record StepResult(double Loss, Dictionary<string, float[]> Grads, Dictionary<string, float[]> Buffers);

    /// <summary>One training-mode forward + backward of a RegNet micro trunk (the same weights and input every time).</summary>
    private StepResult TrunkStep(int splits, DType precision)
    {
        var net = RegNetModel.FromPreset("regnety_micro", 0).Materialize(_backend, 3);
        net.ActivationCheckpointing = splits;
        Assert.Equal(splits, net.ActivationCheckpointing);
        using var scope = _backend.NewScope();
        var x = _backend.RandomNormal([6, 3, 32, 32], 0, 1, 4);
        Tensor loss;
        using (_backend.Autocast(precision))
        {
            var features = net.ForwardFeatures(x);
            loss = _backend.Sum(features * _backend.RandomNormal(features.Shape, 0, 1, 9));
        }
        loss.Backward();
        return new StepResult(loss.Item(),
            net.NamedParameters().ToDictionary(kv => kv.Key, kv => kv.Value.Value.Grad!.ToFloatArray()),
            net.NamedBuffers().ToDictionary(kv => kv.Key, kv => kv.Value.Value.ToFloatArray()));
    }

    [Theory]
    [InlineData(1, DType.Float32)]
    [InlineData(2, DType.Float32)]
    [InlineData(3, DType.Float32)]                 // more splits than some stages have blocks
    [InlineData(2, DType.BFloat16)]                // the recomputation repeats the forward's precision policy
    public void Checkpointed_trunk_gives_the_plain_loss_gradients_and_running_statistics(int splits, DType precision)
    {
        var plain = TrunkStep(0, precision);
        var checkpointed = TrunkStep(splits, precision);
        Assert.Equal(plain.Loss, checkpointed.Loss, 6);
        Assert.Equal(plain.Grads.Keys, checkpointed.Grads.Keys);
        Assert.True(checkpointed.Grads.Count(kv => kv.Value.Any(v => v != 0)) > checkpointed.Grads.Count / 2);
        foreach (var (name, g) in plain.Grads)
        {
            var h = checkpointed.Grads[name];
            for (int i = 0; i < g.Length; i++)
                Assert.True(Math.Abs(g[i] - h[i]) <= 1e-6 * Math.Max(1, Math.Abs(g[i])), $"{name}[{i}]: {g[i]} vs {h[i]}");
        }
        // running mean/var updated once per forward (not again by the recomputation), num_batches_tracked = 1
        foreach (var (name, b) in plain.Buffers)
            Assert.True(b.SequenceEqual(checkpointed.Buffers[name]), $"{name} differs after a checkpointed step");
        Assert.All(checkpointed.Buffers.Where(kv => kv.Key.EndsWith("num_batches_tracked", StringComparison.Ordinal)),
            kv => Assert.Equal(1f, kv.Value.Single()));
    }

    [Fact]
    public void Segment_runs_once_forward_and_once_recomputed_in_backward()
    {
        using var scope = _backend.NewScope();
        var w = _backend.RandomNormal([4], 0, 1, 1);
        _backend.SetRequiresGrad(w, true);
        var x = _backend.RandomNormal([3, 4], 0, 1, 2);
        _backend.SetRequiresGrad(x, true);
        var calls = new List<bool>();
        Tensor Segment(Tensor t)
        {
            calls.Add(_backend.IsRecomputing);
            return (t * w).Relu() * t;
        }

        var y = _backend.Checkpoint(Segment, x);
        Assert.Equal([false], calls);
        _backend.Sum(y * y).Backward();
        Assert.Equal([false, true], calls);
        Assert.False(_backend.IsRecomputing);

        var wr = _backend.RandomNormal([4], 0, 1, 1);
        _backend.SetRequiresGrad(wr, true);
        var xr = _backend.RandomNormal([3, 4], 0, 1, 2);
        _backend.SetRequiresGrad(xr, true);
        var yr = (xr * wr).Relu() * xr;
        _backend.Sum(yr * yr).Backward();
        Assert.Equal(yr.ToFloatArray(), y.ToFloatArray());
        Assert.Equal(wr.Grad!.ToFloatArray(), w.Grad!.ToFloatArray());
        Assert.Equal(xr.Grad!.ToFloatArray(), x.Grad!.ToFloatArray());
    }

    [Fact]
    public void Parameters_get_gradients_when_the_segment_input_needs_none()
    {
        using var scope = _backend.NewScope();
        var w = _backend.RandomNormal([4], 0, 1, 1);
        _backend.SetRequiresGrad(w, true);
        var image = _backend.RandomNormal([3, 4], 0, 1, 2);        // no grad, like the pixels entering the stem
        _backend.Sum(_backend.Checkpoint(t => t * w, image)).Backward();
        Assert.Equal(_backend.Sum(image, [0]).ToFloatArray(), w.Grad!.ToFloatArray());
        Assert.Null(image.Grad);
    }

    [Fact]
    public void Without_graph_recording_a_checkpoint_is_a_plain_call()
    {
        using var scope = _backend.NewScope();
        int calls = 0;
        using var noGrad = _backend.NoGrad();
        var y = _backend.Checkpoint(t => { calls++; return t * 2.0; }, _backend.Full([2], 1.5));
        Assert.Equal([3f, 3f], y.ToFloatArray());
        Assert.Equal(1, calls);
        Assert.False(_backend.RequiresGrad(y));
    }

    [Fact]
    public void Stage_blocks_split_into_balanced_consecutive_segments()
    {
        Assert.Equal([(0, 4)], CheckpointSegments.Split(4, 1));
        Assert.Equal([(0, 3), (3, 2)], CheckpointSegments.Split(5, 2));
        Assert.Equal([(0, 2), (2, 1), (3, 1)], CheckpointSegments.Split(4, 3));
        Assert.Equal([(0, 1), (1, 1)], CheckpointSegments.Split(2, 8));          // never an empty segment
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckpointSegments.Split(4, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegNetModel.FromPreset("regnety_micro", 0).ActivationCheckpointing = -1);
    }
}
