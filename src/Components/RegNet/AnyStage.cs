using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.RegNet;

/// <summary>A stage of <paramref name="depth"/> blocks named "block{stage}-{j}"; only the first block strides.</summary>
[Component]
public sealed partial class AnyStage(int stageIndex, int widthIn, int widthOut, int stride, int depth, int groupWidth, double bottleneckMultiplier, double seRatio)
{
    [Child(Inline = true)] private readonly ComponentList<ResBottleneckBlock> blocks = new(
        Enumerable.Range(0, depth).Select(j => ($"block{stageIndex}-{j}",
            new ResBottleneckBlock(j == 0 ? widthIn : widthOut, widthOut, j == 0 ? stride : 1, groupWidth, bottleneckMultiplier, seRatio))));

    /// <summary>
    /// Activation checkpointing: 0 runs the blocks plainly; N groups them into N consecutive segments
    /// (<see cref="CheckpointSegments.Split"/>), each recomputed in backward instead of keeping its intermediates.
    /// </summary>
    public int CheckpointSplits { get; set; }

    /// <summary>[N, w_in, H, W] → [N, w_out, H/s, W/s].</summary>
    public Tensor Forward(Tensor x)
    {
        if (CheckpointSplits <= 0) return RunBlocks(x, 0, blocks.Count);
        foreach (var (start, count) in CheckpointSegments.Split(blocks.Count, CheckpointSplits))
            x = x.Backend.Checkpoint(t => RunBlocks(t, start, count), x);
        return x;
    }

    private Tensor RunBlocks(Tensor x, int start, int count)
    {
        for (int j = start; j < start + count; j++) x = blocks[j].Forward(x);
        return x;
    }
}
