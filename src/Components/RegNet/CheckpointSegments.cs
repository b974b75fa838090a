namespace Seer.Toolkit.Components.RegNet;

/// <summary>
/// How a stage's blocks are grouped for activation checkpointing (VISSL NUM_ACTIVATION_CHECKPOINTING_SPLITS, applied per
/// stage): min(N, depth) consecutive segments whose sizes differ by at most one, the longer ones first.
/// </summary>
public static class CheckpointSegments
{
    /// <summary>(first block, number of blocks) of each segment of a stage of <paramref name="depth"/> blocks.</summary>
    public static IReadOnlyList<(int Start, int Count)> Split(int depth, int splits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfLessThan(splits, 1);
        int n = Math.Min(splits, depth);
        var segments = new List<(int, int)>(n);
        for (int i = 0, start = 0; i < n; i++)
        {
            int count = depth / n + (i < depth % n ? 1 : 0);
            segments.Add((start, count));
            start += count;
        }
        return segments;
    }
}
