using Seer.Toolkit.Components.SwAV;
using Seer.Toolkit.Distributed;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Pretraining;

/// <summary>
/// Per-rank embedding queues (swav: queue_length / W rows on each rank) to and from the single-queue layout a one-rank
/// run checkpoints, so checkpoints do not depend on the number of ranks. With per-rank batch b and global batch B = b·W,
/// row m of rank r holds past batch j = ⌊m / b⌋, sample r·b + (m mod b) of it: global row j·B + r·b + (m mod b).
/// </summary>
public static class QueueSharding
{
    /// <summary>Collective: every rank's queue state ("queue.{i}" [L/W, D]) gathered into the one-rank layout [L, D].</summary>
    public static IReadOnlyList<KeyValuePair<string, Tensor>> Gather(IProcessGroup group, EmbeddingQueue? queue, int localBatch)
    {
        if (queue is null) return [];
        var local = queue.ExportState();
        if (group.Size == 1) return local;
        var result = new List<KeyValuePair<string, Tensor>>();
        foreach (var (key, t) in local)
        {
            long rows = t.Shape[0], width = t.Shape[1];
            var mine = t.ToFloatArray();                                              // [L/W · D]
            var all = new float[mine.Length * group.Size];                            // [W, L/W, D]
            group.AllGather<float>(mine, all);
            var global = new float[all.Length];                                       // [L, D]
            for (int r = 0; r < group.Size; r++)
                for (long m = 0; m < rows; m++)
                    Array.Copy(all, (r * rows + m) * width, global, GlobalRow(m, r, group.Size, localBatch) * width, width);
            var gathered = t.Backend.FromArray(global, [rows * group.Size, width]);
            result.Add(new(key, t.DType == DType.Float32 ? gathered : t.Backend.Cast(gathered, t.DType)));
        }
        return result;
    }

    /// <summary>This rank's rows ([L/W, D] per key) of queue state in the one-rank layout ([L, D]).</summary>
    public static IReadOnlyDictionary<string, Tensor> Slice(IReadOnlyDictionary<string, Tensor> global, int rank, int size, int localBatch)
    {
        if (size == 1) return global;
        var result = new Dictionary<string, Tensor>();
        foreach (var (key, t) in global)
        {
            long rows = t.Shape[0] / size, width = t.Shape[1];
            var all = t.ToFloatArray();
            var mine = new float[rows * width];
            for (long m = 0; m < rows; m++)
                Array.Copy(all, GlobalRow(m, rank, size, localBatch) * width, mine, m * width, width);
            var slice = t.Backend.FromArray(mine, [rows, width]);
            result[key] = t.DType == DType.Float32 ? slice : t.Backend.Cast(slice, t.DType);
        }
        return result;
    }

    /// <summary>j·B + r·b + (m mod b) with j = ⌊m / b⌋, B = b·W.</summary>
    private static long GlobalRow(long m, int rank, int size, int localBatch) =>
        m / localBatch * localBatch * size + (long)rank * localBatch + m % localBatch;
}
