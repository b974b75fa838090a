using System.Text.Json;

namespace Seer.Toolkit.Tests.Distributed;

/// <summary>End to end: seer-worker ranks started by mpirun exchange data over OpenMPI (libmpi.so.40).</summary>
public class MpiWorkerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task SelfTestPassesAndReportsTheCollectivesResults(int ranks)
    {
        var (exit, output, _) = await WorkerLauncher.MpiAsync(ranks, Timeout, "selftest");
        Assert.True(exit == 0, $"exit {exit}:\n{output}");
        var report = SelfTestJson(output);
        Assert.Equal("mpi", report.GetProperty("transport").GetString());
        Assert.Equal(ranks, report.GetProperty("ranks").GetInt32());
        Assert.Equal(Enumerable.Range(0, ranks).Sum(), report.GetProperty("sum_of_ranks").GetInt64());
        Assert.Equal(ranks - 1, report.GetProperty("max_rank").GetInt64());
        Assert.Equal(1000L * (ranks - 1) + 7, report.GetProperty("broadcast").GetInt64());
        Assert.Equal(Enumerable.Range(0, ranks).SelectMany(q => new[] { q, 10 * q }),
            report.GetProperty("allgather").EnumerateArray().Select(e => e.GetInt32()));
        var evenRanks = Enumerable.Range(0, ranks).Where(q => q % 2 == 0).ToList();   // rank 0's split sub-group
        Assert.Equal(evenRanks.Count, report.GetProperty("split_size").GetInt32());
        Assert.Equal(evenRanks.Sum(), report.GetProperty("split_sum").GetInt32());
        Assert.Equal(0, report.GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task ARankKilledInsideAnAllReduceEndsEveryRankWithAMessageNamingIt()
    {
        var (exit, output, elapsed) = await WorkerLauncher.MpiAsync(2, Timeout, "fault", "--rank", "1", "--after-ms", "1500", "--limit-seconds", "150");
        Assert.True(exit != 0, $"the job exited 0:\n{output}");
        Assert.Contains("rank 1 of 2: killing itself", output);
        Assert.Contains("process rank 1", output);                 // mpirun: "noticed that process rank 1 ... exited on signal 9"
        Assert.Contains("signal 9", output);
        Assert.DoesNotContain("no failure seen", output);
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"the job took {elapsed.TotalSeconds:F0} s to end");
    }

    [Fact]
    public async Task AnErrorOnOneRankAbortsTheRanksWaitingInAnAllReduce()
    {
        var (exit, output, elapsed) = await WorkerLauncher.MpiAsync(2, Timeout, "fault", "--mode", "error", "--rank", "1", "--after-ms", "1500", "--limit-seconds", "150");
        Assert.True(exit != 0, $"the job exited 0:\n{output}");
        Assert.Contains("seer-worker: rank 1 of 2: error: simulated failure", output);
        // OpenMPI's own "MPI_ABORT was invoked on rank 1" banner is usually printed too, but under load mpirun can end the
        // job before it is relayed, so the test relies on the worker's own line above and on the job ending below.
        Assert.DoesNotContain("rank 0 of 2: error", output);             // rank 0 was waiting, not failing
        Assert.DoesNotContain("no failure seen", output);
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"the job took {elapsed.TotalSeconds:F0} s to end");
    }

    [Fact]
    public async Task AHungRankIsNamedByTheOthersAndTheJobEndsWithinTheCollectiveTimeout()
    {
        var (exit, output, elapsed) = await WorkerLauncher.MpiAsync(3, Timeout, "fault", "--mode", "hang", "--rank", "2", "--after-ms", "1500",
            "--limit-seconds", "150", "--timeout-seconds", "5");
        Assert.True(exit != 0, $"the job exited 0:\n{output}");
        Assert.Contains("rank 2 of 3: hanging", output);
        // ranks 0 and 1 wait for rank 2 at the same all-reduce; whichever times out first names it and aborts the job
        Assert.Matches(@"seer: rank [01]: rank 2 did not reach MPI_Allreduce #\d+ \(262144 × Single\) of the 3-rank group \[0\.\.2\] within 5 s \(rank 2 last reached #\d+\)", output);
        Assert.DoesNotContain("rank 0 did not reach", output);
        Assert.DoesNotContain("rank 1 did not reach", output);
        Assert.DoesNotContain("no failure seen", output);
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"the job took {elapsed.TotalSeconds:F0} s to end");
    }

    [Fact]
    public async Task ARankStoppedInsideAnAllReduceEndsTheJobThroughTheWatchdog()
    {
        var (exit, output, elapsed) = await WorkerLauncher.MpiAsync(2, Timeout, "fault", "--mode", "stop", "--rank", "1", "--after-ms", "1500",
            "--limit-seconds", "150", "--timeout-seconds", "5");
        Assert.True(exit != 0, $"the job exited 0:\n{output}");
        Assert.Contains("rank 1 of 2: stopping itself (SIGSTOP)", output);
        // SIGSTOP lands either inside a collective rank 1 had announced (rank 0's watchdog ends rank 0) or between two
        // collectives (rank 0 names rank 1 as not arrived); both end the job
        Assert.Matches(@"seer: rank 0: (MPI_Allreduce #\d+ .* has blocked for \d+ s after every rank reached it|rank 1 did not reach MPI_Allreduce)", output);
        Assert.DoesNotContain("no failure seen", output);
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"the job took {elapsed.TotalSeconds:F0} s to end");
    }

    [Fact]
    public async Task TheSelfTestPassesWithArrivalNoticesInFrontOfEveryCollective()
    {
        // the self-test's collectives (sum, max, broadcast, all-gather, split, bucketed) pass with the notices in front of each
        var (exit, output, _) = await WorkerLauncher.MpiAsync(3, Timeout, "selftest", "--timeout-seconds", "30");
        Assert.True(exit == 0, $"exit {exit}:\n{output}");
        Assert.Equal(0, SelfTestJson(output).GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task BenchReportsBandwidthForEverySizeAndVariant()
    {
        var (exit, output, _) = await WorkerLauncher.MpiAsync(2, Timeout, "bench", "--sizes", "1", "2", "--iterations", "3", "--json");
        Assert.True(exit == 0, $"exit {exit}:\n{output}");
        var rows = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["allreduce:1", "allreduce:2", "bucketed:1", "bucketed:2"],
            rows.Select(r => $"{r.GetProperty("variant").GetString()}:{r.GetProperty("size_mb").GetInt32()}"));
        Assert.All(rows, r =>
        {
            Assert.Equal(2, r.GetProperty("ranks").GetInt32());
            Assert.True(r.GetProperty("gb_per_s").GetDouble() > 0);
        });
    }

    [Fact]
    public async Task WithoutALauncherTheWorkerRunsAsOneRank()
    {
        var (exit, output, _) = await WorkerLauncher.AloneAsync(new Dictionary<string, string>(), "selftest");
        Assert.True(exit == 0, $"exit {exit}:\n{output}");
        var report = SelfTestJson(output);
        Assert.Equal(("single", 1, 0), (report.GetProperty("transport").GetString(), report.GetProperty("ranks").GetInt32(),
            report.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task SingleTransportUnderAMultiRankLauncherIsRefused()
    {
        var (exit, output, _) = await WorkerLauncher.AloneAsync(
            new Dictionary<string, string> { ["SLURM_PROCID"] = "0", ["SLURM_NTASKS"] = "2" }, "selftest", "--transport", "single");
        Assert.Equal(2, exit);
        Assert.Contains("seer-worker: error: --transport single runs one rank, but the launcher started 2 (slurm)", output);
    }

    private static JsonElement SelfTestJson(string output)
    {
        var line = output.Split('\n').SingleOrDefault(l => l.Contains("selftest {"));
        Assert.True(line is not null, $"no report line in:\n{output}");
        return JsonDocument.Parse(line[(line.IndexOf("selftest {", StringComparison.Ordinal) + "selftest ".Length)..]).RootElement;
    }
}
