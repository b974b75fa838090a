using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Backends.Mpi;

/// <summary>MPI's process-wide lifetime: initialise once (MPI_Init_thread), finalise when the world group is disposed.</summary>
public static unsafe class MpiRuntime
{
    private static int _initialized;

    /// <summary>True when libmpi.so.40 can be loaded on this machine.</summary>
    public static bool IsAvailable
    {
        get
        {
            try
            {
                _ = MpiLibrary.Instance;
                return true;
            }
            catch (DllNotFoundException) { return false; }
        }
    }

    /// <summary>Initialises MPI (serialized threading) and returns MPI_COMM_WORLD as a group; disposing it finalises MPI.</summary>
    public static IProcessGroup Initialize()
    {
        var mpi = MpiLibrary.Instance;
        if (Interlocked.Exchange(ref _initialized, 1) != 0)
            throw new InvalidOperationException("MPI is initialised once per process; pass the world group along instead");
        int provided;
        mpi.Check(mpi.InitThread(null, null, MpiLibrary.ThreadSerialized, &provided), "MPI_Init_thread");
        if (provided < MpiLibrary.ThreadSerialized)
        {
            mpi.Finalize();
            throw new InvalidOperationException($"this MPI provides thread level {provided}; MPI_THREAD_SERIALIZED ({MpiLibrary.ThreadSerialized}) is required");
        }
        int worldRank;
        mpi.Check(mpi.CommRank(mpi.CommWorld, &worldRank), "MPI_Comm_rank");
        return new MpiProcessGroup(mpi, mpi.CommWorld, isWorld: true, worldRank);
    }
}
