using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Seer.Toolkit.Backends.Mpi;

/// <summary>
/// Last line of fail-stop: a process-wide thread that ends this rank when one MPI collective has blocked longer than its
/// limit after every rank reached it (a peer stopped inside the collective), so that mpirun then ends the whole job.
/// </summary>
/// <remarks>
/// The thread never calls MPI (the library runs at MPI_THREAD_SERIALIZED and the main thread is inside a call); it writes
/// the message and calls <c>_exit</c>, which skips managed shutdown handlers that would wait for the blocked thread.
/// </remarks>
internal static class BlockedCollectiveWatchdog
{
    /// <summary>Exit status of a rank ended by a collective timeout (as coreutils' <c>timeout</c>).</summary>
    public const int ExitCode = 124;

    private static readonly object Gate = new();
    private static Thread? _thread;
    private static long _enteredAt;          // Stopwatch timestamp; 0 = not inside a watched collective
    private static long _limitTicks;
    private static MpiProcessGroup? _group;
    private static string _call = "";
    private static long _sequence, _count;
    private static Type? _element;

    /// <summary>Marks the start of a blocking collective that must finish within <paramref name="limit"/> (described only when it does not).</summary>
    public static void Enter(MpiProcessGroup group, string call, long sequence, long count, Type? element, TimeSpan limit)
    {
        EnsureStarted();
        (_group, _call, _sequence, _count, _element) = (group, call, sequence, count, element);
        Volatile.Write(ref _limitTicks, (long)(limit.TotalSeconds * Stopwatch.Frequency));
        Volatile.Write(ref _enteredAt, Stopwatch.GetTimestamp());
    }

    /// <summary>Marks the end of the collective begun by <see cref="Enter"/>.</summary>
    public static void Exit() => Volatile.Write(ref _enteredAt, 0);

    private static void EnsureStarted()
    {
        if (_thread is not null) return;
        lock (Gate)
        {
            if (_thread is not null) return;
            _thread = new Thread(Watch) { IsBackground = true, Name = "seer collective watchdog" };
            _thread.Start();
        }
    }

    private static void Watch()
    {
        while (true)
        {
            Thread.Sleep(500);
            long entered = Volatile.Read(ref _enteredAt);
            if (entered == 0 || Stopwatch.GetTimestamp() - entered <= Volatile.Read(ref _limitTicks)) continue;
            double waited = (Stopwatch.GetTimestamp() - entered) / (double)Stopwatch.Frequency;
            var group = _group!;
            Console.Error.WriteLine($"seer: rank {group.WorldRank}: {group.Describe(_call, _sequence, _count, _element)} has blocked for {waited:F0} s after every rank reached it: a rank stopped or died inside it; ending this rank so that the launcher ends the job");
            Console.Error.Flush();
            Console.Out.Flush();
            ExitNow(ExitCode);
        }
    }

    [DllImport("libc", EntryPoint = "_exit")]
    private static extern void ExitNow(int status);
}
