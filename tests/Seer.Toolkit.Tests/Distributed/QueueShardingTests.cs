using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.Distributed;

/// <summary>
/// Per-rank embedding queues against one queue: after the same pushes, the queues of two ranks (each pushing its half of
/// every batch) gathered into the one-rank layout equal the one-rank queue row for row, and slicing it gives them back.
/// </summary>
public class QueueShardingTests
{
    private const int Width = 3, GlobalBatch = 4, Length = 8, Pushes = 3;

    /// <summary>Embedding of sample s of push p: a distinct row [p, s, p·10 + s].</summary>
    private static float[] Batch(int push, int first, int count) =>
        [.. Enumerable.Range(first, count).SelectMany(s => new float[] { push, s, push * 10 + s })];

    [Fact]
    public void Gathered_rank_queues_equal_the_one_rank_queue_and_slices_give_them_back()
    {
        var backend = new TorchBackend();
        var single = new EmbeddingQueue(1, Length);
        for (int p = 0; p < Pushes; p++) single.Push([backend.FromArray(Batch(p, 0, GlobalBatch), [GlobalBatch, Width])]);
        var expected = single[0].ToFloatArray();

        var results = InProcessGroup.Run(2, g =>
        {
            var rankBackend = new TorchBackend();
            int b = GlobalBatch / 2;
            var queue = new EmbeddingQueue(1, Length / 2);
            for (int p = 0; p < Pushes; p++) queue.Push([rankBackend.FromArray(Batch(p, g.Rank * b, b), [b, Width])]);
            var gathered = QueueSharding.Gather(g, queue, b);
            var global = gathered.ToDictionary(kv => kv.Key, kv => kv.Value);
            var back = QueueSharding.Slice(global, g.Rank, 2, b);
            return (Gathered: global["queue.0"].ToFloatArray(), Shape: global["queue.0"].Shape, Mine: queue[0].ToFloatArray(), Back: back["queue.0"].ToFloatArray());
        });
        foreach (var r in results)
        {
            Assert.Equal([Length, (long)Width], r.Shape);
            Assert.Equal(expected, r.Gathered);
            Assert.Equal(r.Mine, r.Back);
        }
        Assert.NotEqual(results[0].Mine, results[1].Mine);
    }

    [Fact]
    public void One_rank_passes_the_state_through()
    {
        var backend = new TorchBackend();
        var queue = new EmbeddingQueue(2, 4);
        queue.Push([backend.FromArray(Batch(0, 0, 2), [2, Width]), backend.FromArray(Batch(1, 0, 2), [2, Width])]);
        var state = QueueSharding.Gather(new Seer.Toolkit.Distributed.SingleProcessGroup(), queue, 2);
        Assert.Equal(["queue.0", "queue.1"], state.Select(kv => kv.Key));
        Assert.Same(queue[1], state[1].Value);
        Assert.Empty(QueueSharding.Gather(new Seer.Toolkit.Distributed.SingleProcessGroup(), null, 2));
        Assert.Equal(DType.Float32, state[0].Value.DType);
    }
}
