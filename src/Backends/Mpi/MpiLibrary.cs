using System.Runtime.InteropServices;

namespace Seer.Toolkit.Backends.Mpi;

/// <summary>OpenMPI 4's C API resolved from <c>libmpi.so.40</c> at run time.</summary>
/// <remarks>
/// Function pointers and the predefined handles (<c>MPI_COMM_WORLD</c> is the address of the global <c>ompi_mpi_comm_world</c>, likewise datatypes and ops).
/// </remarks>
internal sealed unsafe class MpiLibrary
{
    /// <summary>The library names tried, in order.</summary>
    public static readonly string[] Names = ["libmpi.so.40", "libmpi.so"];

    /// <summary>MPI_SUCCESS.</summary>
    public const int Success = 0;

    /// <summary>MPI_THREAD_SERIALIZED: any thread may call MPI, one at a time.</summary>
    public const int ThreadSerialized = 2;

    /// <summary>MPI_REQUEST_NULL is the address of <c>ompi_request_null</c>; a completed request is reset to it.</summary>
    public readonly nint RequestNull;

    /// <summary>MPI_IN_PLACE in OpenMPI.</summary>
    public static readonly nint InPlace = 1;

    private static readonly Lazy<MpiLibrary> Shared = new(() => new MpiLibrary(Open(Names)));

    /// <summary>The process-wide instance; throws <see cref="DllNotFoundException"/> naming the packages when libmpi is missing.</summary>
    public static MpiLibrary Instance => Shared.Value;

    public readonly delegate* unmanaged<int*, byte***, int, int*, int> InitThread;
    public readonly delegate* unmanaged<int*, int> Initialized;
    public readonly delegate* unmanaged<int*, int> Finalized;
    public readonly delegate* unmanaged<int> Finalize;
    public readonly delegate* unmanaged<nint, int*, int> CommRank;
    public readonly delegate* unmanaged<nint, int*, int> CommSize;
    public readonly delegate* unmanaged<nint, int, int, nint*, int> CommSplit;
    public readonly delegate* unmanaged<nint*, int> CommFree;
    public readonly delegate* unmanaged<void*, void*, int, nint, nint, nint, int> Allreduce;
    public readonly delegate* unmanaged<void*, int, nint, int, nint, int> Bcast;
    public readonly delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int> Allgather;
    public readonly delegate* unmanaged<nint, int> Barrier;
    public readonly delegate* unmanaged<nint, int, int> Abort;
    public readonly delegate* unmanaged<int, byte*, int*, int> ErrorString;
    public readonly delegate* unmanaged<nint, nint*, int> CommDup;
    public readonly delegate* unmanaged<void*, int, nint, int, int, nint, nint*, int> Isend;
    public readonly delegate* unmanaged<void*, int, nint, int, int, nint, nint*, int> Irecv;
    public readonly delegate* unmanaged<nint*, int*, void*, int> Test;
    public readonly delegate* unmanaged<nint*, int> Cancel;
    public readonly delegate* unmanaged<nint*, void*, int> Wait;

    /// <summary>MPI_COMM_WORLD.</summary>
    public readonly nint CommWorld;

    /// <summary>MPI_SUM and MPI_MAX.</summary>
    public readonly nint OpSum, OpMax;

    /// <summary>MPI_FLOAT, MPI_DOUBLE, MPI_INT, MPI_INT64_T, MPI_UINT8_T.</summary>
    public readonly nint Float, Double, Int, Int64, UInt8;

    /// <summary>Resolves every function and handle from a loaded libmpi.</summary>
    internal MpiLibrary(nint handle)
    {
        InitThread = (delegate* unmanaged<int*, byte***, int, int*, int>)Export(handle, "MPI_Init_thread");
        Initialized = (delegate* unmanaged<int*, int>)Export(handle, "MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)Export(handle, "MPI_Finalized");
        Finalize = (delegate* unmanaged<int>)Export(handle, "MPI_Finalize");
        CommRank = (delegate* unmanaged<nint, int*, int>)Export(handle, "MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)Export(handle, "MPI_Comm_size");
        CommSplit = (delegate* unmanaged<nint, int, int, nint*, int>)Export(handle, "MPI_Comm_split");
        CommFree = (delegate* unmanaged<nint*, int>)Export(handle, "MPI_Comm_free");
        Allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)Export(handle, "MPI_Allreduce");
        Bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)Export(handle, "MPI_Bcast");
        Allgather = (delegate* unmanaged<void*, int, nint, void*, int, nint, nint, int>)Export(handle, "MPI_Allgather");
        Barrier = (delegate* unmanaged<nint, int>)Export(handle, "MPI_Barrier");
        Abort = (delegate* unmanaged<nint, int, int>)Export(handle, "MPI_Abort");
        ErrorString = (delegate* unmanaged<int, byte*, int*, int>)Export(handle, "MPI_Error_string");
        CommDup = (delegate* unmanaged<nint, nint*, int>)Export(handle, "MPI_Comm_dup");
        Isend = (delegate* unmanaged<void*, int, nint, int, int, nint, nint*, int>)Export(handle, "MPI_Isend");
        Irecv = (delegate* unmanaged<void*, int, nint, int, int, nint, nint*, int>)Export(handle, "MPI_Irecv");
        Test = (delegate* unmanaged<nint*, int*, void*, int>)Export(handle, "MPI_Test");
        Cancel = (delegate* unmanaged<nint*, int>)Export(handle, "MPI_Cancel");
        Wait = (delegate* unmanaged<nint*, void*, int>)Export(handle, "MPI_Wait");
        CommWorld = Export(handle, "ompi_mpi_comm_world");
        RequestNull = Export(handle, "ompi_request_null");
        OpSum = Export(handle, "ompi_mpi_op_sum");
        OpMax = Export(handle, "ompi_mpi_op_max");
        Float = Export(handle, "ompi_mpi_float");
        Double = Export(handle, "ompi_mpi_double");
        Int = Export(handle, "ompi_mpi_int");
        Int64 = Export(handle, "ompi_mpi_int64_t");
        UInt8 = Export(handle, "ompi_mpi_uint8_t");
    }

    /// <summary>The MPI datatype of a supported element type.</summary>
    public nint Datatype<T>() where T : unmanaged =>
        typeof(T) == typeof(float) ? Float
        : typeof(T) == typeof(double) ? Double
        : typeof(T) == typeof(long) ? Int64
        : typeof(T) == typeof(int) ? Int
        : typeof(T) == typeof(byte) ? UInt8
        : throw new NotSupportedException($"no MPI datatype for {typeof(T).Name}");

    /// <summary>The MPI op of a reduction.</summary>
    public nint Op(Distributed.ReduceOp op) => op switch
    {
        Distributed.ReduceOp.Sum => OpSum,
        Distributed.ReduceOp.Max => OpMax,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown reduction"),
    };

    /// <summary>Throws <see cref="MpiException"/> with MPI's own text when <paramref name="code"/> is not MPI_SUCCESS.</summary>
    public void Check(int code, string call)
    {
        if (code == Success) return;
        var text = new byte[512];
        int length = 0;
        fixed (byte* p = text)
            if (ErrorString(code, p, &length) != Success) length = 0;
        var message = length > 0 ? System.Text.Encoding.ASCII.GetString(text, 0, Math.Min(length, text.Length)) : "unknown error";
        throw new MpiException(call, code, message);
    }

    /// <summary>Loads the first of <paramref name="names"/> that exists; none is an error naming the packages to install.</summary>
    internal static nint Open(IReadOnlyList<string> names)
    {
        foreach (var name in names)
            if (NativeLibrary.TryLoad(name, out var handle)) return handle;
        throw new DllNotFoundException(
            $"OpenMPI 4 not found ({string.Join(", ", names)}): install openmpi-bin libopenmpi-dev " +
            "(build/scripts/install-system-packages.sh does it as root), or run without a launcher for a single-process group");
    }

    private static nint Export(nint handle, string name) =>
        NativeLibrary.TryGetExport(handle, name, out var address)
            ? address
            : throw new EntryPointNotFoundException($"{name} not found in libmpi: OpenMPI 4 (libmpi.so.40) is required");
}
