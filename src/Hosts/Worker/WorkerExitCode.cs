namespace Seer.Toolkit.Hosts.Worker;

/// <summary>The process exit code, set by the job when it ends (0 success, 1 failed checks or error, 130 cancelled).</summary>
public sealed class WorkerExitCode
{
    /// <summary>Current value; starts at 1 so a job that never finished reports failure.</summary>
    public int Value { get; set; } = 1;
}
