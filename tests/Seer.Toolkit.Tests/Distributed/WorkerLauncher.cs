using System.Diagnostics;

namespace Seer.Toolkit.Tests.Distributed;

/// <summary>Starts <c>seer-worker</c> (copied beside the tests by the project reference) directly or under <c>mpirun</c>.</summary>
internal static class WorkerLauncher
{
    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    private static string WorkerDll => Path.Combine(AppContext.BaseDirectory, "seer-worker.dll");

    /// <summary>The full path of mpirun; fails the calling test, naming the set-up script, when OpenMPI is not installed.</summary>
    public static string MpiRun()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "mpirun")).FirstOrDefault(File.Exists);
        if (found is null)
            Assert.Fail("mpirun is not installed: run build/scripts/install-system-packages.sh (as root it installs openmpi-bin libopenmpi-dev)");
        return found;
    }

    /// <summary>Runs <c>mpirun -np ranks seer-worker args</c>; returns the exit code, stdout + stderr and the wall time.</summary>
    public static Task<(int Exit, string Output, TimeSpan Elapsed)> MpiAsync(int ranks, TimeSpan timeout, params string[] args) =>
        RunAsync(MpiRun(), ["--allow-run-as-root", "--oversubscribe", "-np", ranks.ToString(), Dotnet, WorkerDll, .. args], new Dictionary<string, string>(), timeout);

    /// <summary>Runs <c>seer-worker args</c> as one plain process with extra environment variables.</summary>
    public static Task<(int Exit, string Output, TimeSpan Elapsed)> AloneAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(Dotnet, [WorkerDll, .. args], environment, TimeSpan.FromSeconds(60));

    /// <summary>Runs <c>seer-worker args</c> alone, calling <paramref name="onLine"/> with each output line and the process.</summary>
    public static Task<(int Exit, string Output, TimeSpan Elapsed)> AloneAsync(Action<string, Process> onLine, params string[] args) =>
        RunAsync(Dotnet, [WorkerDll, .. args], new Dictionary<string, string>(), TimeSpan.FromSeconds(60), onLine);

    private static async Task<(int Exit, string Output, TimeSpan Elapsed)> RunAsync(
        string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout,
        Action<string, Process>? onLine = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["TERM"] = "dumb";                        // mpirun gives ranks a pty: no terminal set-up sequences
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("OMPI_COMM_WORLD_") || k.StartsWith("SLURM_")).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = new Process { StartInfo = start };
        var lines = new List<string>();
        void Add(string? line)
        {
            if (line is null) return;
            lock (lines) lines.Add(line);
            onLine?.Invoke(line, process);
        }
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(program)} {string.Join(' ', args)} did not end within {timeout.TotalSeconds} s; output:\n{string.Join('\n', lines)}");
        }
        process.WaitForExit();                                     // drains the redirected streams
        lock (lines) return (process.ExitCode, string.Join('\n', lines), clock.Elapsed);
    }
}
