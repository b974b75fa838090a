using System.Diagnostics.CodeAnalysis;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Backends.Mpi;

/// <summary>An <see cref="IProcessGroup"/> over one MPI communicator.</summary>
/// <remarks>
/// <see cref="MpiRuntime.Initialize"/> gives the world group;
/// <see cref="Split"/> gives sub-groups (freed on dispose). MPI_COMM_WORLD keeps MPI's default error handler, so a
/// failed collective ends the whole job (fail-stop).
/// </remarks>
public sealed unsafe class MpiProcessGroup : IProcessGroup
{
    private readonly MpiLibrary _mpi;
    private readonly bool _isWorld;
    private nint _comm;

    /// <inheritdoc />
    public int Rank { get; }

    /// <inheritdoc />
    public int Size { get; }

    /// <inheritdoc />
    public string Transport => "mpi";

    internal MpiProcessGroup(MpiLibrary mpi, nint comm, bool isWorld)
    {
        _mpi = mpi;
        _comm = comm;
        _isWorld = isWorld;
        int rank, size;
        mpi.Check(mpi.CommRank(comm, &rank), "MPI_Comm_rank");
        mpi.Check(mpi.CommSize(comm, &size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
    }

    /// <inheritdoc />
    public void AllReduce<T>(Span<T> data, ReduceOp op) where T : unmanaged
    {
        CollectiveElement.Require<T>();
        var comm = Comm;
        var type = _mpi.Datatype<T>();
        var mpiOp = _mpi.Op(op);
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
        fixed (T* s = send)
        fixed (T* r = receive)
            _mpi.Check(_mpi.Allgather(s, send.Length, type, r, send.Length, type, comm), "MPI_Allgather");
    }

    /// <inheritdoc />
    public void Barrier() => _mpi.Check(_mpi.Barrier(Comm), "MPI_Barrier");

    /// <inheritdoc />
    public IProcessGroup Split(int color, int key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(color);
        nint child;
        _mpi.Check(_mpi.CommSplit(Comm, color, key, &child), "MPI_Comm_split");
        return new MpiProcessGroup(_mpi, child, isWorld: false);
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

    /// <summary>Frees a split communicator, or finalizes MPI for the world group.</summary>
    public void Dispose()
    {
        if (_comm == 0) return;
        var comm = _comm;
        _comm = 0;
        if (_isWorld) _mpi.Check(_mpi.Finalize(), "MPI_Finalize");
        else _mpi.Check(_mpi.CommFree(&comm), "MPI_Comm_free");
    }

    private nint Comm => _comm != 0 ? _comm : throw new ObjectDisposedException(nameof(MpiProcessGroup));
}
