using System.Diagnostics;
using System.Globalization;

namespace Seer.Toolkit.Hosts.Console.Launch;

/// <summary>
/// A data-parallel job on this machine: <c>mpirun -np N seer-worker VERB ...</c> (as root with
/// <c>--allow-run-as-root --oversubscribe</c>, otherwise <c>--oversubscribe</c> only when N exceeds the cores), its output
/// streamed line by line. Only rank 0 prints progress; other ranks print errors, which are streamed too.
/// </summary>
internal static class LocalMpiJob
{
    /// <summary>Runs the job and returns mpirun's exit code (non-zero when any rank failed).</summary>
    public static int Run(int ranks, IReadOnlyList<string> workerArgs, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var mpirun = FindOnPath("mpirun")
            ?? throw new ArgumentException("--ranks needs OpenMPI's mpirun: install openmpi-bin libopenmpi-dev (build/scripts/install-system-packages.sh)");
        var start = new ProcessStartInfo(mpirun) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Environment.UserName == "root") { start.ArgumentList.Add("--allow-run-as-root"); start.ArgumentList.Add("--oversubscribe"); }
        else if (ranks > Environment.ProcessorCount) start.ArgumentList.Add("--oversubscribe");
        start.ArgumentList.Add("-np");
        start.ArgumentList.Add(ranks.ToString(CultureInfo.InvariantCulture));
        foreach (var a in WorkerCommand()) start.ArgumentList.Add(a);
        foreach (var a in workerArgs) start.ArgumentList.Add(a);
        start.Environment["TERM"] = "dumb";                          // mpirun gives ranks a pty: no terminal set-up sequences

        using var process = new Process { StartInfo = start };
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) { output.WriteLine(e.Data); output.Flush(); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null && !IsNnpackNotice(e.Data)) lock (gate) { error.WriteLine(e.Data); error.Flush(); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (cancel.Register(() => { if (!process.HasExited) process.Kill(entireProcessTree: true); }))
            process.WaitForExit();
        process.WaitForExit();                                       // drains the redirected streams
        return process.ExitCode;
    }

    /// <summary>
    /// How to start <c>seer-worker</c>: <c>$SEER_WORKER</c> when set, else <c>seer-worker.dll</c> beside this program (run by
    /// the dotnet host), else a native <c>seer-worker</c> beside it (NativeAOT publish).
    /// </summary>
    private static IReadOnlyList<string> WorkerCommand()
    {
        if (Environment.GetEnvironmentVariable("SEER_WORKER") is { Length: > 0 } explicitPath) return [explicitPath];
        var dll = Path.Combine(AppContext.BaseDirectory, "seer-worker.dll");
        if (File.Exists(dll))
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (string.IsNullOrEmpty(host) && Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") host = self;
            return [host is { Length: > 0 } ? host : "dotnet", dll];
        }
        var native = Path.Combine(AppContext.BaseDirectory, "seer-worker");
        if (File.Exists(native)) return [native];
        throw new ArgumentException($"seer-worker was not found beside {AppContext.BaseDirectory}; build src/Hosts/Worker or set SEER_WORKER to its path");
    }

    /// <summary>
    /// libtorch's "Could not initialize NNPACK! Reason: Unsupported hardware." warning, printed for every single-threaded
    /// convolution of a batch under 16 on CPUs NNPACK does not support (TorchSharp cannot switch NNPACK off); harmless, as
    /// libtorch then uses its own kernel, and dropped here so rank 0's progress stays readable.
    /// </summary>
    private static bool IsNnpackNotice(string line) =>
        line.Contains("NNPACK.cpp", StringComparison.Ordinal) && line.Contains("Could not initialize NNPACK", StringComparison.Ordinal);

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
