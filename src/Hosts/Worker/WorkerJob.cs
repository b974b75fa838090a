using System.Globalization;
using Microsoft.Extensions.Hosting;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Hosts.Worker;

/// <summary>A rank's work as a hosted service, run on a dedicated thread.</summary>
/// <remarks>
/// Runs <see cref="Run"/> on a dedicated thread (MPI calls block), records the exit code and stops the host. An error on one rank of several aborts the whole job (fail-stop) after naming the rank.
/// </remarks>
public abstract class WorkerJob(IProcessGroup group, WorkerExitCode exit, IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <summary>The world group.</summary>
    protected IProcessGroup Group { get; } = group;

    /// <summary>
    /// libtorch threads per rank: the ranks of one host share its cores (OpenMPI names their number; else all ranks are
    /// taken to be local), one intra-op thread per core share, as torchrun's OMP_NUM_THREADS=1 for one rank per core.
    /// </summary>
    protected int ThreadsPerRank()
    {
        int local = int.TryParse(Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_LOCAL_SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : Group.Size;
        return Math.Max(1, Environment.ProcessorCount / local);
    }

    /// <summary>The job body; returns the exit code. Checks <paramref name="cancel"/> between collectives.</summary>
    protected abstract int Run(TextWriter output, CancellationToken cancel);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            exit.Value = await Task.Factory.StartNew(() => Run(Console.Out, stoppingToken), stoppingToken,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"seer-worker: rank {Group.Rank} of {Group.Size}: cancelled");
            exit.Value = 130;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"seer-worker: rank {Group.Rank} of {Group.Size}: error: {e.Message}");
            exit.Value = 1;
            if (Group.Size > 1) Group.Abort(1);    // the other ranks may be waiting in a collective: end them all
        }
        finally
        {
            Console.Out.Flush();
            lifetime.StopApplication();
        }
    }
}
