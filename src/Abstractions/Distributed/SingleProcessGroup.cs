using System.Diagnostics.CodeAnalysis;

namespace Seer.Toolkit.Distributed;

/// <summary>A group of one rank: reductions and broadcasts leave data unchanged, all-gather copies. Used without MPI.</summary>
public sealed class SingleProcessGroup : IProcessGroup
{
    /// <inheritdoc />
    public int Rank => 0;

    /// <inheritdoc />
    public int Size => 1;

    /// <inheritdoc />
    public string Transport => "single";

    /// <inheritdoc />
    /// <remarks>Nothing to wait for with one rank: the value is kept and has no effect.</remarks>
    public TimeSpan CollectiveTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <inheritdoc />
    public void AllReduce<T>(Span<T> data, ReduceOp op) where T : unmanaged => CollectiveElement.Require<T>();

    /// <inheritdoc />
    public void Broadcast<T>(Span<T> data, int root) where T : unmanaged
    {
        CollectiveElement.Require<T>();
        CheckRoot(root);
    }

    /// <inheritdoc />
    public void AllGather<T>(ReadOnlySpan<T> send, Span<T> receive) where T : unmanaged
    {
        CollectiveElement.Require<T>();
        if (receive.Length != send.Length)
            throw new ArgumentException($"all-gather needs a receive buffer of {send.Length} elements (1 rank × {send.Length}), got {receive.Length}");
        send.CopyTo(receive);
    }

    /// <inheritdoc />
    public void Barrier() { }

    /// <inheritdoc />
    public IProcessGroup Split(int color, int key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(color);
        return new SingleProcessGroup();
    }

    /// <inheritdoc />
    [DoesNotReturn]
    public void Abort(int exitCode)
    {
        Environment.Exit(exitCode);
        throw new InvalidOperationException("unreachable");
    }

    /// <inheritdoc />
    public void Dispose() { }

    private static void CheckRoot(int root)
    {
        if (root != 0) throw new ArgumentOutOfRangeException(nameof(root), root, "the only rank of a single-process group is 0");
    }
}
