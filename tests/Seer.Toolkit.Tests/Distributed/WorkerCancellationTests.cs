using System.Diagnostics;

namespace Seer.Toolkit.Tests.Distributed;

public class WorkerCancellationTests
{
    [Fact]
    public async Task SigtermStopsTheJobBetweenCollectivesWithExitCode130()
    {
        int signalled = 0;
        var (exit, output, _) = await WorkerLauncher.AloneAsync((line, process) =>
        {
            // The job is running (host started, signal handlers installed): ask it to stop as a launcher would.
            if (line.Contains("all-reducing 1 MiB in a loop") && Interlocked.Exchange(ref signalled, 1) == 0)
                Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
        }, "fault", "--rank", "0", "--after-ms", "600000", "--limit-seconds", "50");
        Assert.Equal(1, signalled);
        Assert.True(exit == 130, $"exit {exit}:\n{output}");
        Assert.Contains("seer-worker: rank 0 of 1: cancelled", output);
        Assert.DoesNotContain("no failure seen", output);
    }
}
