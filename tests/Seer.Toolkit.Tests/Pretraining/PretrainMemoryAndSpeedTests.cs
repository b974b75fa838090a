using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.Pretraining;

/// <summary>SwAV pretraining with bf16 mixed precision and activation checkpointing (the `precision` and `activation_checkpointing` keys).</summary>
public sealed class PretrainMemoryAndSpeedTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seer-precision-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Striped and blocky 20×20 patterns, a different one per index.</summary>
    /// <summary>32 images of 20 px: stripes (even) and cosine waves (odd).</summary>
    private static SyntheticImages Patterns() => SyntheticImages.FromFormula(32, 20, (i, c, y, x) =>
        i % 2 == 0 ? ((x + i) / 3 + c) % 2 : (float)(0.5 + 0.4 * Math.Cos(0.7 * y + i + c)));

    private static PretrainOptions Micro(string precision, int checkpointing = 0) =>
        PretrainPresets.Get("micro") with { Precision = precision, ActivationCheckpointing = checkpointing };

    /// <summary>Runs <paramref name="steps"/> updates on the stream's first batches; returns the losses.</summary>
    private double[] Train(SwAVPretrainer trainer, PretrainOptions o, int steps)
    {
        var stream = new PretrainBatchStream(Patterns(), new MultiCropTransform(o.Crops), o.BatchSize, o.Seed, workers: 1);
        var order = stream.Order(0);
        return [.. Enumerable.Range(0, steps).Select(i => trainer.TrainStep(stream.Build(order, 0, i), i))];
    }

    private SwAVPretrainer Trainer(PretrainOptions o, string name) => new(new TorchBackend(), o, Patterns(), Path.Combine(_dir, name), TextWriter.Null);

    [Fact]
    public void Bf16_micro_steps_give_finite_losses_near_fp32_with_fp32_weights_and_optimizer_state()
    {
        var o16 = Micro(PrecisionNames.Bf16);
        var bf16 = Trainer(o16, "bf16");
        var losses = Train(bf16, o16, 4);
        var reference = Train(Trainer(Micro(PrecisionNames.Fp32), "fp32"), Micro(PrecisionNames.Fp32), 1)[0];
        Assert.All(losses, l => Assert.True(double.IsFinite(l), $"loss {l}"));
        // first update, same weights and batch: bf16 scores (τ = 0.1 scales their rounding by 10) move the loss slightly
        Assert.True(Math.Abs(losses[0] - reference) <= 0.05 * reference, $"bf16 loss {losses[0]} vs fp32 {reference}");
        Assert.NotEqual(reference, losses[0]);                           // the policy really ran in bf16
        Assert.All(bf16.Trunk.StateSlots().Concat(bf16.Head.StateSlots()).Where(kv => kv.Value.DType.IsFloatingPoint()),
            kv => Assert.Equal(DType.Float32, kv.Value.Value.DType));
        Assert.All(bf16.Optimizer.ExportState(), kv => Assert.Equal(DType.Float32, kv.Value.DType));
    }

    [Fact]
    public void Under_the_policy_scores_are_bf16_while_embeddings_codes_and_loss_are_fp32()
    {
        IBackend backend = new TorchBackend();
        var head = new SwAVHead([16, 32, 8], 10, batchNorm: true).Materialize(backend, 1);
        var loss = new SwAVLoss(new SwAVLossOptions { NumCrops = 2, CropsForAssign = [0, 1] });
        using var scope = backend.NewScope();
        SwAVHeadOutput output;
        using (backend.Autocast(DType.BFloat16)) output = head.ForwardWithEmbeddings(backend.RandomNormal([8, 16], 0, 1, 2));
        Assert.Equal(DType.BFloat16, output.Scores.DType);               // prototype product in bf16
        Assert.Equal(DType.Float32, output.Embeddings.DType);            // L2 normalisation in fp32
        Assert.All(loss.Assignments(output.Scores), q => Assert.Equal(DType.Float32, q.DType));   // Sinkhorn in fp32
        var value = loss.Forward(output.Scores);
        Assert.Equal(DType.Float32, value.DType);
        value.Backward();
        Assert.All(head.NamedParameters(), kv => Assert.Equal(DType.Float32, kv.Value.Value.Grad!.DType));
    }

    [Theory]
    [InlineData(PrecisionNames.Fp32)]
    [InlineData(PrecisionNames.Bf16)]
    public void Checkpointed_pretraining_matches_plain_pretraining(string precision)
    {
        var plain = Trainer(Micro(precision), "plain");
        var checkpointed = Trainer(Micro(precision, checkpointing: 2), "checkpointed");
        Assert.Equal(2, checkpointed.Trunk.ActivationCheckpointing);
        var a = Train(plain, Micro(precision), 3);
        var b = Train(checkpointed, Micro(precision, 2), 3);
        Assert.Equal(a, b);
        var after = checkpointed.Trunk.StateSlots().ToDictionary(kv => kv.Key, kv => kv.Value.Value.ToFloatArray());
        foreach (var (name, slot) in plain.Trunk.StateSlots())
        {
            var expected = slot.Value.ToFloatArray();
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - after[name][i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])), $"{name}[{i}] after 3 updates");
        }
    }

    [Fact]
    public void Precision_and_checkpointing_keys_parse_round_trip_and_reject_bad_values()
    {
        var o = PretrainSettings.Apply(PretrainPresets.Get("micro"), "precision=BF16");
        o = PretrainSettings.Apply(o, "activation_checkpointing=3");
        Assert.Equal("bf16", o.Precision);
        Assert.Equal(3, o.ActivationCheckpointing);
        Assert.Contains("precision", PretrainSettings.Keys);
        Assert.Contains("activation_checkpointing", PretrainSettings.Keys);
        var path = Path.Combine(_dir, "cfg.json");
        File.WriteAllText(path, PretrainSettings.ToJson(o));
        var back = PretrainSettings.ApplyJson(PretrainPresets.Get("tiny"), path);
        Assert.Equal(("bf16", 3), (back.Precision, back.ActivationCheckpointing));

        var e = Assert.Throws<ArgumentException>(() => PretrainSettings.Apply(o, "precision=fp16"));
        Assert.Equal("precision must be 'fp32' or 'bf16' (got 'fp16')", e.Message);
        e = Assert.Throws<ArgumentException>(() => (o with { Precision = "half" }).Validate());
        Assert.Contains("precision must be 'fp32' or 'bf16'", e.Message);
        e = Assert.Throws<ArgumentException>(() => PretrainSettings.Apply(o, "activation_checkpointing=-1").Validate());
        Assert.Contains("activation_checkpointing must be >= 0", e.Message);

        Assert.All(new[] { "tiny", "micro" }, p => Assert.Equal(("fp32", 0), (PretrainPresets.Get(p).Precision, PretrainPresets.Get(p).ActivationCheckpointing)));
        Assert.All(new[] { "seer_rg128gf", "seer_rg256gf" }, p => Assert.Equal(("bf16", 2), (PretrainPresets.Get(p).Precision, PretrainPresets.Get(p).ActivationCheckpointing)));
    }
}
