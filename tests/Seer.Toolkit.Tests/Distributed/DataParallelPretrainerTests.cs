using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Distributed;
using Seer.Toolkit.Tests.Pretraining;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Tests.Distributed;

/// <summary>
/// Data-parallel SwAV pretraining on threaded in-process ranks: two ranks with half of each batch (SyncBatchNorm,
/// distributed Sinkhorn, averaged gradients, sharded queue) end where one rank with the whole batch ends.
/// </summary>
public sealed class DataParallelPretrainerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seer-ddp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>64 images of 20 px in four kinds of pattern.</summary>
    private static SyntheticImages Shapes() => SyntheticImages.FromFormula(64, 20, (i, c, y, x) => (i % 4) switch
    {
        0 => (x / 4 + y / 4) % 2,
        1 => x < 10 ? 0.9f : 0.1f,
        2 => (float)(0.5 + 0.4 * Math.Sin(x + i)),
        _ => c == i % 3 ? 0.8f : 0.2f,
    });

    private static PretrainOptions Micro(long steps, int queue) => PretrainPresets.Get("micro") with
    {
        Steps = steps, BatchSize = 8, CheckpointEvery = 3, LogEvery = 1, QueueLength = queue, QueueStart = 1,
    };

    private static PretrainResult[] RunRanks(int ranks, PretrainOptions options, string outDir, bool resume = false, long? stopAfter = null) =>
        InProcessGroup.Run(ranks, g => new SwAVPretrainer(new TorchBackend(), options, Shapes(), outDir, TextWriter.Null, g)
            .RunAsync(resume, stopAfter: stopAfter).GetAwaiter().GetResult());

    // Weights are compared by max_rel_tensor (each tensor's largest difference over its largest magnitude). Element-wise
    // max_rel is ~1e-3 here: float32 sums in another order (two half-batch sums instead of one) change the rounding at
    // ~1e-7, and parameters whose exact gradient is 0 or a sum that cancels (the linear bias in front of the head's batch
    // norm, the last blocks' batch-norm biases) hold nothing but that rounding. Their momentum differs relatively even
    // more, so the optimizer file is only checked for matching keys.
    [Theory]
    [InlineData(0)]
    [InlineData(16)]          // queue of two global batches, used from step 3: rank r holds its half of each
    public void Two_ranks_with_half_batches_end_with_the_weights_of_one_rank_with_the_whole_batch(int queue)
    {
        var one = RunRanks(1, Micro(6, queue), Path.Combine(_dir, "one"))[0];
        var two = RunRanks(2, Micro(6, queue), Path.Combine(_dir, "two"));
        Assert.Equal(two[0].LastLoss, two[1].LastLoss);
        Assert.True(Math.Abs(one.LastLoss - two[0].LastLoss) <= 1e-4 * Math.Abs(one.LastLoss), $"loss {one.LastLoss} vs {two[0].LastLoss}");
        foreach (var file in new[] { "trunk.safetensors", "head.safetensors", "optimizer.safetensors" })
        {
            var diff = CheckpointDiff.Compare(Path.Combine(one.Checkpoint!, file), Path.Combine(two[0].Checkpoint!, file));
            Assert.True(diff.KeysCompared > 0, file);
            Assert.Empty(diff.Missing);
            Assert.Empty(diff.Unexpected);
            if (file == "optimizer.safetensors") continue;                       // momentum of noise-only parameters (see below)
            Assert.True(diff.MaxRelTensor <= 1e-4, $"{file}: max_rel_tensor {diff.MaxRelTensor:E3} at {diff.MaxRelTensorKey}, max_abs {diff.MaxAbs:E3}; worst elements: {Worst(Path.Combine(one.Checkpoint!, file), Path.Combine(two[0].Checkpoint!, file))}");
        }
    }

    /// <summary>The float32 elements with the largest relative difference, for failure messages.</summary>
    private static string Worst(string pathA, string pathB)
    {
        using var a = SafetensorsReader.Open(pathA);
        using var b = SafetensorsReader.Open(pathB);
        var rows = new List<(double Rel, string Text)>();
        foreach (var e in a.Entries)
        {
            if (e.DType != Seer.Toolkit.Tensors.DType.Float32 || !b.Contains(e.Name)) continue;
            var x = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(a.ReadBytes(e.Name)).ToArray();
            var y = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(b.ReadBytes(e.Name)).ToArray();
            for (int i = 0; i < x.Length; i++)
            {
                double rel = Math.Abs(x[i] - y[i]) / Math.Max(1e-30, Math.Max(Math.Abs(x[i]), Math.Abs(y[i])));
                rows.Add((rel, $"{e.Name}[{i}] {x[i]:E6} vs {y[i]:E6}"));
            }
        }
        return string.Join("; ", rows.OrderByDescending(r => r.Rel).Take(6).Select(r => $"{r.Text} ({r.Rel:E2})"));
    }

    [Fact]
    public void A_two_rank_run_resumed_on_one_rank_continues_like_the_one_rank_run()
    {
        // the checkpoint of two ranks holds the queue in the one-rank layout, so the run can go on with any rank count
        var straight = RunRanks(1, Micro(6, 16), Path.Combine(_dir, "straight"))[0];
        var split = Path.Combine(_dir, "split");
        Assert.Equal(4, RunRanks(2, Micro(6, 16), split, stopAfter: 4)[0].Steps);
        var resumed = RunRanks(1, Micro(6, 16), split, resume: true)[0];
        Assert.Equal(6, resumed.Steps);
        foreach (var file in new[] { "trunk.safetensors", "head.safetensors", "optimizer.safetensors" })
        {
            var diff = CheckpointDiff.Compare(Path.Combine(straight.Checkpoint!, file), Path.Combine(resumed.Checkpoint!, file));
            if (file == "optimizer.safetensors") continue;
            Assert.True(diff.MaxRelTensor <= 1e-4, $"{file}: max_rel_tensor {diff.MaxRelTensor:E3} at {diff.MaxRelTensorKey}, max_abs {diff.MaxAbs:E3}");
        }
    }

    [Fact]
    public void A_two_rank_run_resumed_on_two_ranks_is_bit_identical_to_a_straight_two_rank_run()
    {
        var straight = RunRanks(2, Micro(6, 16), Path.Combine(_dir, "straight2"))[0];
        var resumedDir = Path.Combine(_dir, "resumed2");
        RunRanks(2, Micro(6, 16), resumedDir, stopAfter: 4);
        var resumed = RunRanks(2, Micro(6, 16), resumedDir, resume: true)[0];
        foreach (var file in new[] { "trunk.safetensors", "head.safetensors", "optimizer.safetensors" })
        {
            var diff = CheckpointDiff.Compare(Path.Combine(straight.Checkpoint!, file), Path.Combine(resumed.Checkpoint!, file));
            Assert.True(diff.MaxAbs == 0, $"{file}: {diff.MaxAbs} at {diff.MaxAbsKey}");
        }
    }

    [Fact]
    public void Ranks_with_different_settings_stop_at_start_naming_the_keys()
    {
        var error = Assert.Throws<AggregateException>(() => InProcessGroup.Run(2, g =>
        {
            var options = Micro(2, 0) with { Temperature = g.Rank == 0 ? 0.1 : 0.2 };
            return new SwAVPretrainer(new TorchBackend(), options, Shapes(), Path.Combine(_dir, "mismatch"), TextWriter.Null, g)
                .RunAsync(false).GetAwaiter().GetResult();
        }));
        var mismatch = Assert.IsType<RankMismatchException>(error.InnerException);
        Assert.Contains("configuration", mismatch.Message);
        Assert.Contains("temperature (rank 1)", mismatch.Message);
        Assert.DoesNotContain("batch_size", mismatch.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "mismatch", "metrics.jsonl")));
    }

    [Fact]
    public void Only_rank_zero_writes_and_a_global_batch_that_ranks_cannot_split_is_refused()
    {
        var outDir = Path.Combine(_dir, "leader");
        var logs = InProcessGroup.Run(2, g =>
        {
            var log = new StringWriter();
            new SwAVPretrainer(new TorchBackend(), Micro(2, 0), Shapes(), outDir, log, g).RunAsync(false).GetAwaiter().GetResult();
            return log.ToString();
        });
        Assert.Contains("data-parallel over 2 ranks", logs[0]);
        Assert.Equal("", logs[1]);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(outDir, "metrics.jsonl")).Length);
        var e = Assert.Throws<AggregateException>(() => InProcessGroup.Run(3, g =>
            new SwAVPretrainer(new TorchBackend(), Micro(2, 0), Shapes(), Path.Combine(_dir, "odd"), TextWriter.Null, g)));
        Assert.Contains("not divisible by the 3 ranks", e.InnerException!.Message);
    }
}
