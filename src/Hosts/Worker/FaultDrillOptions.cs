namespace Seer.Toolkit.Hosts.Worker;

/// <summary>Settings of <c>seer-worker fault</c>.</summary>
/// <param name="Rank">The rank that fails.</param>
/// <param name="AfterMs">Milliseconds of all-reduces before it does.</param>
/// <param name="LimitSeconds">How long the other ranks keep reducing before they give up and exit 0 (no failure seen).</param>
/// <param name="Mode">
/// "kill": SIGKILL from another thread, inside an all-reduce; "error": an exception in the job, which aborts the job;
/// "hang": the rank stays alive but stops calling collectives; "stop": SIGSTOP from another thread, inside an all-reduce.
/// </param>
/// <remarks>"hang" and "stop" end the job only through the collective timeout (<c>--timeout-seconds</c>).</remarks>
public sealed record FaultDrillOptions(int Rank, int AfterMs, int LimitSeconds, string Mode = "kill")
{
    /// <summary>The failure modes.</summary>
    public static readonly string[] Modes = ["kill", "error", "hang", "stop"];
}
