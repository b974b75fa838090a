using System.Text;
using System.Text.Json;
using Seer.Toolkit.Distributed;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Pretraining;

/// <summary>
/// Synchronous data parallelism over a process group (PyTorch DDP; Goyal et al. 2017): every rank starts from rank 0's
/// state, computes gradients on its slice of the global batch, and applies the mean gradient ḡ = (1/W) Σ_r g_r, so W
/// ranks take the step one rank takes on the whole batch. Start-up checks compare the configuration and the state.
/// </summary>
public sealed class DataParallel(IProcessGroup world)
{
    /// <summary>The world group.</summary>
    public IProcessGroup World { get; } = world;

    /// <summary>Number of ranks W.</summary>
    public int Size => World.Size;

    /// <summary>True on rank 0, the rank that writes checkpoints, metrics and logs.</summary>
    public bool IsLeader => World.Rank == 0;

    /// <summary>Applies the hung-rank limit to the world group (and the groups split from it afterwards); 0 = no limit.</summary>
    public void SetCollectiveTimeout(double seconds) =>
        World.CollectiveTimeout = seconds > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;

    /// <summary>
    /// Collective: a barrier without time limit after work only rank 0 does (checkpoint writes, the online monitor), so the
    /// other ranks' wait there is not taken for a hung rank; a rank that dies meanwhile still ends the job through the launcher.
    /// </summary>
    public void WaitForLeader()
    {
        if (Size == 1) return;
        var limit = World.CollectiveTimeout;
        World.CollectiveTimeout = Timeout.InfiniteTimeSpan;
        try { World.Barrier(); }
        finally { World.CollectiveTimeout = limit; }
    }

    /// <summary>Collective: every key of a flat JSON configuration must be equal on all ranks (the error names the keys).</summary>
    public void CheckConfiguration(string settingsJson)
    {
        using var doc = JsonDocument.Parse(settingsJson);
        var entries = doc.RootElement.EnumerateObject()
            .Select(p => new KeyValuePair<string, byte[]>(p.Name, Encoding.UTF8.GetBytes(p.Value.GetRawText()))).ToList();
        RankAgreement.Check(World, "the resolved configuration", entries);
    }

    /// <summary>Collective: every named tensor (shape, dtype and bytes) must be equal on all ranks (the error names the tensors).</summary>
    public void CheckState(string what, IEnumerable<KeyValuePair<string, Tensor>> state) =>
        RankAgreement.Check(World, what, [.. state.Select(kv => new KeyValuePair<string, byte[]>(kv.Key,
            [.. Encoding.UTF8.GetBytes($"{kv.Value.DType} {kv.Value.ShapeText}|"), .. kv.Value.Backend.ToBytes(kv.Value)]))]);

    /// <summary>Collective: overwrites every tensor with rank 0's copy (parameters and buffers, in order).</summary>
    public void Broadcast(IEnumerable<Tensor> state)
    {
        foreach (var t in state) World.Broadcast(t, 0);
    }

    /// <summary>Collective: g ← (1/W) Σ_ranks g for every gradient, in 4 MiB buckets.</summary>
    public void AverageGradients(IReadOnlyList<Tensor> gradients) => BucketedAllReduce.Run(World, gradients, average: true);

    /// <summary>Collective: (1/W) Σ_ranks v (a non-finite value on any rank makes the result non-finite on all).</summary>
    public double Mean(double value)
    {
        Span<double> v = [value];
        World.AllReduce(v, ReduceOp.Sum);
        return v[0] / Size;
    }
}
