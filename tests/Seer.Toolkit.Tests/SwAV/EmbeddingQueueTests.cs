using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Tensors;
using static Seer.Toolkit.Tests.SwAV.SwAVReference;

namespace Seer.Toolkit.Tests.SwAV;

/// <summary>The embedding queue: filled from its start iteration, used once full, FIFO with the newest rows first.</summary>
public class EmbeddingQueueTests
{
    private static readonly TorchBackend Backend = new();
    private const int B = 2, K = 4, D = 3, Crops = 3, L = 4;

    private static (Tensor Z, Tensor Scores) Batch(Tensor c, int seed)
    {
        var z = Backend.L2Normalize(Backend.RandomNormal([Crops * B, D], 0, 1, seed, DType.Float64), 1);   // [C·B, D]
        return (z, Backend.MatMul(z, Backend.Transpose(c, 0, 1)));                                         // [C·B, K]
    }

    [Fact]
    public void Queue_waits_for_its_start_then_fills_and_is_used_only_when_full()
    {
        var c = Backend.L2Normalize(Backend.RandomNormal([K, D], 0, 1, 1, DType.Float64), 1);
        var options = new SwAVLossOptions { NumCrops = Crops, CropsForAssign = [0, 1], QueueLength = L, QueueStartIteration = 5 };
        var loss = new SwAVLoss(options);
        var plain = new SwAVLoss(new SwAVLossOptions { NumCrops = Crops, CropsForAssign = [0, 1] });

        // before the start iteration: untouched; after it: B rows per step, and no effect on the loss until full
        for (long it = 3; it < 7; it++)
        {
            var (z, s) = Batch(c, (int)it);
            Assert.Equal(plain.Forward(s).Item(), loss.Forward(s, z, c, it).Item(), 1e-12);
        }
        Assert.Equal(L, loss.Queue!.Filled);
        Assert.True(loss.Queue.IsFull);

        // full: crop i's codes are the last B rows of Sinkhorn over cat(queue_i · Cᵀ, S_i)
        var (z7, s7) = Batch(c, 7);
        var queued = Enumerable.Range(0, 2).Select(i => Matrix(loss.Queue[i].ToDoubleArray(), L, D)).ToArray();
        var cHost = Matrix(c.ToDoubleArray(), K, D);
        var sHost = Matrix(s7.ToDoubleArray(), Crops * B, K);
        var codes = new double[2][,];
        for (int i = 0; i < 2; i++)
        {
            var stacked = new double[L + B, K];
            for (int r = 0; r < L; r++)
                for (int k = 0; k < K; k++)
                    stacked[r, k] = Enumerable.Range(0, D).Sum(d => queued[i][r, d] * cHost[k, d]);
            for (int r = 0; r < B; r++)
                for (int k = 0; k < K; k++)
                    stacked[L + r, k] = sHost[i * B + r, k];
            codes[i] = Rows(Sinkhorn(stacked, 0.05, 3), L, B);
        }
        double expected = Loss(sHost, Crops, [0, 1], codes, 0.1);
        double actual = loss.Forward(s7, z7, c, 7).Item();
        Assert.True(Math.Abs(actual - expected) <= 1e-5 * Math.Abs(expected), $"loss {actual:R}, formula {expected:R}");
        Assert.NotEqual(plain.Forward(s7).Item(), actual, 1e-6);

        // then the queue holds [z_crop; old rows 0..L−B) for each assignment crop
        var zHost = Matrix(z7.ToDoubleArray(), Crops * B, D);
        for (int i = 0; i < 2; i++)
        {
            var now = Matrix(loss.Queue[i].ToDoubleArray(), L, D);
            for (int d = 0; d < D; d++)
            {
                for (int r = 0; r < B; r++) Assert.Equal(zHost[i * B + r, d], now[r, d]);
                for (int r = B; r < L; r++) Assert.Equal(queued[i][r - B, d], now[r, d]);
            }
        }
    }

    [Fact]
    public void State_round_trips_and_pushes_are_detached()
    {
        var queue = new EmbeddingQueue(2, 4);
        Assert.Empty(queue.ExportState());
        var z = Backend.RandomNormal([2, 3], 0, 1, 3);
        Backend.SetRequiresGrad(z, true);
        queue.Push([z * 2.0, z * 3.0]);
        Assert.False(Backend.RequiresGrad(queue[0]));
        Assert.Equal(2, queue.Filled);
        var state = queue.ExportState().ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(["queue.0", "queue.1"], state.Keys.Order());

        var restored = new EmbeddingQueue(2, 4);
        restored.ImportState(state, queue.Filled);
        Assert.Equal(queue[1].ToFloatArray(), restored[1].ToFloatArray());
        Assert.Equal(2, restored.Filled);
        Assert.False(restored.IsFull);
        Assert.Throws<ArgumentException>(() => queue.Push([Backend.Zeros([5, 3]), Backend.Zeros([5, 3])]));
    }
}
