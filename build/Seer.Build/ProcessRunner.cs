using System.Diagnostics;

namespace Seer.Build;

/// <summary>Runs a tool, echoing its output, and fails the build on a non-zero exit.</summary>
internal static class ProcessRunner
{
    /// <summary>Runs and returns the combined output; throws on failure.</summary>
    public static string Run(string workingDirectory, string file, params string[] arguments)
    {
        var (exit, output) = RunUnchecked(workingDirectory, file, arguments);
        if (exit != 0)
            throw new BuildFailedException($"{file} {string.Join(' ', arguments)} exited with {exit}");
        return output;
    }

    /// <summary>Runs and returns the exit code and combined output.</summary>
    public static (int Exit, string Output) RunUnchecked(string workingDirectory, string file, params string[] arguments)
    {
        Console.WriteLine($"> {file} {string.Join(' ', arguments)}");
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new BuildFailedException($"could not start {file}");
        var output = new System.Text.StringBuilder();
        void Pump(StreamReader reader, TextWriter echo)
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                echo.WriteLine(line);
                lock (output) output.AppendLine(line);
            }
        }
        var err = Task.Run(() => Pump(process.StandardError, Console.Error));
        Pump(process.StandardOutput, Console.Out);
        err.Wait();
        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }
}
