using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Backends.Mpi;

/// <summary>An <see cref="IProcessGroup"/> over one MPI communicator.</summary>
/// <remarks>
/// <see cref="MpiRuntime.Initialize"/> gives the world group;
/// <see cref="Split"/> gives sub-groups (freed on dispose). MPI_COMM_WORLD keeps MPI's default error handler, so a
/// failed collective ends the whole job (fail-stop). With a finite <see cref="CollectiveTimeout"/> a hung rank ends it too:
/// before each collective every rank announces it to its peers (<see cref="CollectiveArrivals"/>); a rank whose peers do not
/// all arrive in time prints the missing world ranks and calls MPI_Abort, and a collective that blocks too long after all
/// arrived ends the rank through <see cref="BlockedCollectiveWatchdog"/>.
/// </remarks>
public sealed unsafe class MpiProcessGroup : IProcessGroup
{
    private readonly MpiLibrary _mpi;
    private readonly bool _isWorld;
    private readonly int[] _worldRanks;
    private readonly CollectiveArrivals? _arrivals;
    private long _sequence;
    private nint _comm;

    /// <inheritdoc />
    public int Rank { get; }

    /// <inheritdoc />
    public int Size { get; }

    /// <inheritdoc />
    public string Transport => "mpi";

    /// <inheritdoc />
    public TimeSpan CollectiveTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Collective over <paramref name="comm"/>: <paramref name="worldRank"/> is this process's rank in MPI_COMM_WORLD.</summary>
    internal MpiProcessGroup(MpiLibrary mpi, nint comm, bool isWorld, int worldRank)
    {
        _mpi = mpi;
        _comm = comm;
        _isWorld = isWorld;
        int rank, size;
        mpi.Check(mpi.CommRank(comm, &rank), "MPI_Comm_rank");
        mpi.Check(mpi.CommSize(comm, &size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
        _worldRanks = new int[size];
        fixed (int* all = _worldRanks)
            mpi.Check(mpi.Allgather(&worldRank, 1, mpi.Int, all, 1, mpi.Int, comm), "MPI_Allgather");
        if (size > 1) _arrivals = new CollectiveArrivals(mpi, comm, rank, size);
    }

    /// <summary>MPI_COMM_WORLD's rank of each member, in group-rank order.</summary>
    public IReadOnlyList<int> WorldRanks => _worldRanks;

    /// <inheritdoc />
    public void AllReduce<T>(Span<T> data, ReduceOp op) where T : unmanaged
    {
        CollectiveElement.Require<T>();
        var comm = Comm;
        var type = _mpi.Datatype<T>();
        var mpiOp = _mpi.Op(op);
        using var watch = Enter("MPI_Allreduce", data.Length, typeof(T));
        fixed (T* p = data)
        {
            // MPI counts are int: larger spans go in chunks (every rank cuts the same chunks).
            long offset = 0;
            do
            {
                int count = (int)Math.Min(data.Length - offset, int.MaxValue);
                _mpi.Check(_mpi.Allreduce((void*)MpiLibrary.InPlace, p + offset, count, type, mpiOp, comm), "MPI_Allreduce");
                offset += count;
            } while (offset < data.Length);
        }
    }

    /// <inheritdoc />
    public void Broadcast<T>(Span<T> data, int root) where T : unmanaged
    {
        CollectiveElement.Require<T>();
        if ((uint)root >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(root), root, $"root must be a rank of this group (0..{Size - 1})");
        var comm = Comm;
        var type = _mpi.Datatype<T>();
        using var watch = Enter("MPI_Bcast", data.Length, typeof(T));
        fixed (T* p = data)
        {
            long offset = 0;
            do
            {
                int count = (int)Math.Min(data.Length - offset, int.MaxValue);
                _mpi.Check(_mpi.Bcast(p + offset, count, type, root, comm), "MPI_Bcast");
                offset += count;
            } while (offset < data.Length);
        }
    }

    /// <inheritdoc />
    public void AllGather<T>(ReadOnlySpan<T> send, Span<T> receive) where T : unmanaged
    {
        CollectiveElement.Require<T>();
        if (receive.Length != (long)send.Length * Size)
            throw new ArgumentException($"all-gather needs a receive buffer of {(long)send.Length * Size} elements ({Size} ranks × {send.Length}), got {receive.Length}");
        var comm = Comm;
        var type = _mpi.Datatype<T>();
        using var watch = Enter("MPI_Allgather", send.Length, typeof(T));
        fixed (T* s = send)
        fixed (T* r = receive)
            _mpi.Check(_mpi.Allgather(s, send.Length, type, r, send.Length, type, comm), "MPI_Allgather");
    }

    /// <inheritdoc />
    public void Barrier()
    {
        var comm = Comm;
        using var watch = Enter("MPI_Barrier", 0, null);
        _mpi.Check(_mpi.Barrier(comm), "MPI_Barrier");
    }

    /// <inheritdoc />
    public IProcessGroup Split(int color, int key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(color);
        nint child;
        using (Enter("MPI_Comm_split", 0, null))
            _mpi.Check(_mpi.CommSplit(Comm, color, key, &child), "MPI_Comm_split");
        return new MpiProcessGroup(_mpi, child, isWorld: false, _worldRanks[Rank]) { CollectiveTimeout = CollectiveTimeout };
    }

    /// <inheritdoc />
    [DoesNotReturn]
    public void Abort(int exitCode)
    {
        System.Console.Out.Flush();
        System.Console.Error.Flush();
        _mpi.Abort(_comm == 0 ? _mpi.CommWorld : _comm, exitCode);
        Environment.Exit(exitCode);     // MPI_Abort does not return; this only satisfies the contract
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// Numbers the collective, and with a finite <see cref="CollectiveTimeout"/> waits for every peer to announce it (aborting
    /// the job with the missing world ranks when they do not) and arms the watchdog for the call itself.
    /// </summary>
    private Watch Enter(string call, long count, Type? element)
    {
        long sequence = ++_sequence;
        var timeout = CollectiveTimeout;
        if (_arrivals is null || timeout == Timeout.InfiniteTimeSpan) return default;
        long deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var missing = _arrivals.Arrive(sequence, deadline);
        if (missing.Length > 0)
        {
            var what = Describe(call, sequence, count, element);
            var names = string.Join(", ", missing.Select(p => _worldRanks[p]));
            var stalled = string.Join(", ", missing.Select(p => $"rank {_worldRanks[p]} last reached #{_arrivals.Announced(p)}"));
            Console.Error.WriteLine(
                $"seer: rank {_worldRanks[Rank]}: rank{(missing.Length > 1 ? "s" : "")} {names} did not reach {what} within {timeout.TotalSeconds:0.#} s " +
                $"({stalled}): hung or dead; aborting the job (the collective timeout is the collective_timeout_s setting)");
            Abort(BlockedCollectiveWatchdog.ExitCode);
        }
        BlockedCollectiveWatchdog.Enter(this, call, sequence, count, element, timeout);
        return new Watch(armed: true);
    }

    /// <summary>"MPI_Allreduce #12 (1024 × Single) of the 2-rank group [0..1]" (world ranks; a set for split groups).</summary>
    internal string Describe(string call, long sequence, long count, Type? element)
    {
        var members = _worldRanks.Select((w, i) => w - i).Distinct().Count() == 1
            ? $"[{_worldRanks[0]}..{_worldRanks[^1]}]"
            : $"{{{string.Join(", ", _worldRanks)}}}";
        var size = element is null ? "" : $" ({count} × {element.Name})";
        return $"{call} #{sequence}{size} of the {Size}-rank group {members}";
    }

    /// <summary>This process's rank in MPI_COMM_WORLD.</summary>
    internal int WorldRank => _worldRanks[Rank];

    /// <summary>Disarms the watchdog when the collective returns.</summary>
    private readonly struct Watch(bool armed) : IDisposable
    {
        public void Dispose()
        {
            if (armed) BlockedCollectiveWatchdog.Exit();
        }
    }

    /// <summary>Frees a split communicator, or finalizes MPI for the world group.</summary>
    public void Dispose()
    {
        if (_comm == 0) return;
        _arrivals?.Dispose();
        var comm = _comm;
        _comm = 0;
        if (_isWorld) _mpi.Check(_mpi.Finalize(), "MPI_Finalize");
        else _mpi.Check(_mpi.CommFree(&comm), "MPI_Comm_free");
    }

    private nint Comm => _comm != 0 ? _comm : throw new ObjectDisposedException(nameof(MpiProcessGroup));
}
