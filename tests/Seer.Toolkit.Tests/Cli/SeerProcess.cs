using System.Diagnostics;

namespace Seer.Toolkit.Tests.Cli;

/// <summary>The real `seer` CLI as a child process (`dotnet seer.dll`, copied beside the tests by the host project reference).</summary>
internal sealed class SeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Action<string>? _onLine;

    public SeerProcess(Action<string>? onLine, params string[] args) : this(onLine, null, args) { }

    /// <summary>Starts seer with <paramref name="environment"/> added to this process's variables.</summary>
    public SeerProcess(Action<string>? onLine, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        _onLine = onLine;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "seer.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Received(e.Data);
        _process.ErrorDataReceived += (_, e) => Received(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything printed so far (stdout and stderr interleaved by line).</summary>
    public string Output
    {
        get { lock (_lines) return string.Join('\n', _lines); }
    }

    /// <summary>Waits for the exit and returns the exit code.</summary>
    public async Task<int> ExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no handler, finalizer or flush runs in the child.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills seer and everything it started (mpirun and its ranks) if it is still running.</summary>
    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    /// <summary>Runs seer to completion; returns the exit code and its output.</summary>
    public static Task<(int Exit, string Output)> RunAsync(TimeSpan timeout, params string[] args) => RunAsync(timeout, null, args);

    /// <summary>Runs seer to completion with extra environment variables; returns the exit code and its output.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var p = new SeerProcess(null, environment, args);
        int exit = await p.ExitAsync(timeout);
        return (exit, p.Output);
    }

    private void Received(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
        _onLine?.Invoke(line);
    }
}
