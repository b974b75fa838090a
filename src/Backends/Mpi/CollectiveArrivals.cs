using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Seer.Toolkit.Backends.Mpi;

/// <summary>
/// Arrival notices ahead of each collective: a rank sends "I reached collective n" to every peer, then waits until every
/// peer has said the same, up to a deadline, so that a rank that never arrives (hung, stopped, stuck in a loop) is named
/// instead of blocking the job forever.
/// </summary>
/// <remarks>
/// Notices travel as one int64 per peer on a duplicate of the group's communicator, so they never match collective traffic.
/// A peer cannot announce collective n + 1 before this rank has joined collective n, so at most one notice per peer is in
/// flight and one posted receive per peer suffices. Cost: Size − 1 eager sends and a few MPI_Test calls per collective.
/// </remarks>
internal sealed unsafe class CollectiveArrivals : IDisposable
{
    private const int Tag = 7;
    private readonly MpiLibrary _mpi;
    private readonly int _rank, _size;
    private readonly long* _sendValue, _receiveValue;
    private readonly nint* _sendRequest, _receiveRequest;
    private readonly long[] _announced;
    private nint _comm;

    /// <summary>Collective over <paramref name="comm"/> (MPI_Comm_dup): every member constructs one at the same point.</summary>
    public CollectiveArrivals(MpiLibrary mpi, nint comm, int rank, int size)
    {
        _mpi = mpi;
        _rank = rank;
        _size = size;
        nint dup;
        mpi.Check(mpi.CommDup(comm, &dup), "MPI_Comm_dup");
        _comm = dup;
        _sendValue = (long*)NativeMemory.AllocZeroed((nuint)size, sizeof(long));
        _receiveValue = (long*)NativeMemory.AllocZeroed((nuint)size, sizeof(long));
        _sendRequest = (nint*)NativeMemory.AllocZeroed((nuint)size, (nuint)sizeof(nint));
        _receiveRequest = (nint*)NativeMemory.AllocZeroed((nuint)size, (nuint)sizeof(nint));
        _announced = new long[size];
        for (int p = 0; p < size; p++)
        {
            _sendRequest[p] = _receiveRequest[p] = mpi.RequestNull;
            _announced[p] = -1;
            if (p != rank) PostReceive(p);
        }
    }

    /// <summary>
    /// Announces collective <paramref name="sequence"/> and waits for every peer's notice of it until <paramref name="deadline"/>
    /// (a <see cref="Stopwatch"/> timestamp); returns the peers (group ranks) that had not arrived by then, empty when all did.
    /// </summary>
    public int[] Arrive(long sequence, long deadline)
    {
        for (int p = 0; p < _size; p++)
        {
            if (p == _rank) continue;
            if (!Completed(_sendRequest + p, deadline)) return [p];      // the previous notice to p is still undelivered
            _sendValue[p] = sequence;
            _mpi.Check(_mpi.Isend(_sendValue + p, 1, _mpi.Int64, p, Tag, _comm, _sendRequest + p), "MPI_Isend");
        }
        for (long spins = 0; ; spins++)
        {
            bool all = true;
            for (int p = 0; p < _size; p++)
            {
                if (p == _rank) continue;
                Drain(p);
                all &= _announced[p] >= sequence;
            }
            if (all) return [];
            if (Stopwatch.GetTimestamp() > deadline)
                return [.. Enumerable.Range(0, _size).Where(p => p != _rank && _announced[p] < sequence)];
            Backoff(spins);
        }
    }

    /// <summary>The last collective each group rank announced (−1: none yet; this rank's own entry is unused).</summary>
    public long Announced(int peer) => _announced[peer];

    private void Drain(int peer)
    {
        while (true)
        {
            int done;
            _mpi.Check(_mpi.Test(_receiveRequest + peer, &done, null), "MPI_Test");
            if (done == 0) return;
            _announced[peer] = _receiveValue[peer];
            PostReceive(peer);
        }
    }

    private bool Completed(nint* request, long deadline)
    {
        for (long spins = 0; ; spins++)
        {
            if (*request == _mpi.RequestNull) return true;
            int done;
            _mpi.Check(_mpi.Test(request, &done, null), "MPI_Test");
            if (done != 0) return true;
            if (Stopwatch.GetTimestamp() > deadline) return false;
            Backoff(spins);
        }
    }

    private void PostReceive(int peer) =>
        _mpi.Check(_mpi.Irecv(_receiveValue + peer, 1, _mpi.Int64, peer, Tag, _comm, _receiveRequest + peer), "MPI_Irecv");

    /// <summary>Poll again at once first (arrivals are usually microseconds apart; MPI_Test drives progress), then yield, then sleep 1 ms per poll.</summary>
    private static void Backoff(long spins)
    {
        if (spins < 1_000) return;
        if (spins < 20_000) Thread.Yield();
        else Thread.Sleep(1);
    }

    /// <summary>Cancels the posted receives, completes the sends and frees the duplicate communicator.</summary>
    public void Dispose()
    {
        if (_comm == 0) return;
        for (int p = 0; p < _size; p++)
        {
            if (p == _rank) continue;
            if (_receiveRequest[p] != _mpi.RequestNull)
            {
                _mpi.Cancel(_receiveRequest + p);
                _mpi.Wait(_receiveRequest + p, null);
            }
            if (_sendRequest[p] != _mpi.RequestNull) _mpi.Wait(_sendRequest + p, null);
        }
        var comm = _comm;
        _comm = 0;
        _mpi.Check(_mpi.CommFree(&comm), "MPI_Comm_free");
        NativeMemory.Free(_sendValue);
        NativeMemory.Free(_receiveValue);
        NativeMemory.Free(_sendRequest);
        NativeMemory.Free(_receiveRequest);
    }
}
