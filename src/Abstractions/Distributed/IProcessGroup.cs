using System.Diagnostics.CodeAnalysis;

namespace Seer.Toolkit.Distributed;

/// <summary>A fixed set of ranks running the same program that exchange data through collectives.</summary>
/// <remarks>
/// Every rank of the group must call each collective in the same order with the same element count; element types are those of
/// <see cref="CollectiveElement"/> (float, double, int, long, byte). Implementations: <see cref="SingleProcessGroup"/>
/// (one rank, no transport) and the MPI group in <c>src/Backends/Mpi</c>; a CUDA build adds an NCCL group.
/// </remarks>
public interface IProcessGroup : IDisposable
{
    /// <summary>This process's index in the group, 0 ≤ Rank &lt; Size.</summary>
    int Rank { get; }

    /// <summary>Number of ranks in the group.</summary>
    int Size { get; }

    /// <summary>Short name of the transport ("single", "mpi").</summary>
    string Transport { get; }

    /// <summary>
    /// How long a rank waits for the others to reach a collective, and then for it to finish, before it ends the job with a
    /// message naming the ranks that did not arrive (fail-stop for hung ranks); <see cref="Timeout.InfiniteTimeSpan"/> (the
    /// default) waits forever. Set it on every rank at the same point, between the same two collectives; sub-groups made by
    /// <see cref="Split"/> start with their parent's value.
    /// </summary>
    TimeSpan CollectiveTimeout { get; set; }

    /// <summary>Combines <paramref name="data"/> element-wise across ranks, in place; every rank receives the result.</summary>
    void AllReduce<T>(Span<T> data, ReduceOp op) where T : unmanaged;

    /// <summary>Overwrites <paramref name="data"/> on every rank with the copy held by <paramref name="root"/>.</summary>
    void Broadcast<T>(Span<T> data, int root) where T : unmanaged;

    /// <summary>Writes every rank's <paramref name="send"/> in rank order into <paramref name="receive"/> (Size × send.Length).</summary>
    void AllGather<T>(ReadOnlySpan<T> send, Span<T> receive) where T : unmanaged;

    /// <summary>Returns once every rank of the group has entered it.</summary>
    void Barrier();

    /// <summary>Collective: ranks passing the same <paramref name="color"/> (≥ 0) form a sub-group ordered by (key, rank).</summary>
    IProcessGroup Split(int color, int key);

    /// <summary>Fail-stop: ends every rank of the job with <paramref name="exitCode"/>; does not return.</summary>
    [DoesNotReturn]
    void Abort(int exitCode);
}
