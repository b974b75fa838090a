using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Hosts.Worker;

/// <summary><c>seer-worker fault</c>: one rank fails while every rank all-reduces in a loop.</summary>
/// <remarks>
/// Every rank all-reduces 1 MiB in a loop; the chosen rank sends itself SIGKILL from another thread while the loop runs, so
/// it dies inside a collective (mode "kill"), or its job throws (mode "error", which <see cref="WorkerJob"/> turns into
/// MPI_Abort), or it stops calling collectives while staying alive (mode "hang"), or it sends itself SIGSTOP (mode "stop").
/// Whatever the mode the job must then end on every rank (fail-stop): the last two through the collective timeout.
/// </remarks>
public sealed class FaultDrillJob(IProcessGroup group, WorkerExitCode exit, IHostApplicationLifetime lifetime, FaultDrillOptions options)
    : WorkerJob(group, exit, lifetime)
{
    /// <inheritdoc />
    protected override int Run(TextWriter output, CancellationToken cancel)
    {
        var g = Group;
        if ((uint)options.Rank >= (uint)g.Size)
            throw new ArgumentException($"--rank {options.Rank} is not a rank of this {g.Size}-rank job");
        using var killer = g.Rank == options.Rank && options.Mode is "kill" or "stop"
            ? new Timer(_ =>
            {
                output.WriteLine($"seer-worker: rank {g.Rank} of {g.Size}: {(options.Mode == "kill" ? "killing itself (SIGKILL)" : "stopping itself (SIGSTOP)")} inside an all-reduce");
                output.Flush();
                if (options.Mode == "kill") Process.GetCurrentProcess().Kill();
                else SendSignal(Environment.ProcessId, SigStop);
            }, null, options.AfterMs, Timeout.Infinite)
            : null;
        output.WriteLine($"seer-worker: rank {g.Rank} of {g.Size}: all-reducing 1 MiB in a loop; rank {options.Rank} fails ({options.Mode}) after {options.AfterMs} ms");
        output.Flush();
        var buffer = new float[1 << 18];
        var clock = Stopwatch.StartNew();
        long iterations = 0;
        while (clock.Elapsed.TotalSeconds < options.LimitSeconds)
        {
            cancel.ThrowIfCancellationRequested();
            if (options.Mode == "error" && g.Rank == options.Rank && clock.ElapsedMilliseconds >= options.AfterMs)
                throw new InvalidOperationException($"simulated failure after {iterations} all-reduces");
            if (options.Mode == "hang" && g.Rank == options.Rank && clock.ElapsedMilliseconds >= options.AfterMs)
            {
                output.WriteLine($"seer-worker: rank {g.Rank} of {g.Size}: hanging (alive, no more collectives) after {iterations} all-reduces");
                output.Flush();
                cancel.WaitHandle.WaitOne();
                cancel.ThrowIfCancellationRequested();
            }
            g.AllReduce<float>(buffer, ReduceOp.Sum);
            iterations++;
        }
        output.WriteLine($"seer-worker: rank {g.Rank} of {g.Size}: {iterations} all-reduces in {options.LimitSeconds} s, no failure seen");
        return 0;
    }

    private const int SigStop = 19;

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
