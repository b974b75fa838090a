using System.Text.RegularExpressions;

namespace Seer.Build;

/// <summary>The build graph: each target names what it needs; each runs at most once per invocation.</summary>
internal sealed partial class BuildTargets(string repo)
{
    private const string Solution = "Seer.Toolkit.sln";
    private const string ConsoleHost = "src/Hosts/Console/Seer.Toolkit.Hosts.Console.csproj";
    private const string Benchmarks = "tests/Seer.Toolkit.Benchmarks/Seer.Toolkit.Benchmarks.csproj";
    private readonly HashSet<string> _done = [];

    private string PublishDir => Path.Combine(repo, "artifacts", "seer-linux-x64");

    public IEnumerable<(string Name, string Description)> Describe() =>
    [
        ("restore", "restore NuGet packages"),
        ("compile", "build the solution (Release)"),
        ("test", "run every test project"),
        ("bench", "run the benchmarks and print the results (see docs/benchmarks.md)"),
        ("publish", "NativeAOT-publish the seer CLI to artifacts/seer-linux-x64 and smoke-test it"),
    ];

    public void Run(string target)
    {
        if (!_done.Add(target)) return;
        switch (target)
        {
            case "restore":
                Dotnet("restore", Solution);
                break;
            case "compile":
                Run("restore");
                Dotnet("build", Solution, "-c", "Release", "--no-restore");
                break;
            case "test":
                Run("compile");
                Test();
                break;
            case "bench":
                Run("compile");
                Dotnet("run", "--project", Benchmarks, "-c", "Release", "--no-build", "--", "--out", Path.Combine(repo, "artifacts", "bench"));
                break;
            case "publish":
                Publish();
                break;
            default:
                throw new BuildFailedException($"unknown target '{target}' (targets: {string.Join(", ", Describe().Select(d => d.Name))})");
        }
    }

    private string Dotnet(params string[] args) => ProcessRunner.Run(repo, "dotnet", args);

    /// <summary>Runs every test project and closes with one summary line "tests: N passed, M failed".</summary>
    private void Test()
    {
        var (exit, output) = ProcessRunner.RunUnchecked(repo, "dotnet", "test", Solution, "-c", "Release", "--no-build", "--logger", "console;verbosity=normal");
        int passed = Sum(PassedCount(), output), failed = Sum(FailedCount(), output);
        Console.WriteLine($"tests: {passed} passed, {failed} failed");
        if (exit != 0 || failed > 0) throw new BuildFailedException($"dotnet test exited with {exit}; {failed} failed");
        if (passed == 0) throw new BuildFailedException("no test ran");
    }

    private static int Sum(Regex pattern, string text) => pattern.Matches(text).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^\s+Passed:\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PassedCount();

    [GeneratedRegex(@"^\s+Failed:\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex FailedCount();

    private void Publish()
    {
        var output = Dotnet("publish", ConsoleHost, "-c", "Release", "-r", "linux-x64", "-o", PublishDir);
        // Our assemblies must publish without trim/AOT warnings; TorchSharp's own are listed in the README.
        var ours = WarningLine().Matches(output).Select(m => m.Value).Where(l => !l.Contains("TorchSharp.", StringComparison.Ordinal)).Distinct().ToList();
        if (ours.Count > 0)
            throw new BuildFailedException("trim/AOT warnings from toolkit code:\n" + string.Join('\n', ours));
        var exe = Path.Combine(PublishDir, "seer");
        if (!File.Exists(exe)) throw new BuildFailedException($"publish produced no executable at {exe}");
        ProcessRunner.Run(repo, exe, "model", "info", "--arch", "regnety_400mf", "--classes", "1000", "--json");
        ProcessRunner.Run(repo, exe, "model", "step", "--arch", "regnety_micro", "--batch", "4", "--resolution", "32");
        // ILGPU emits kernels at run time (ILGPU#847): the NativeAOT seer is built without it and must say so.
        var (ilgpuExit, ilgpuOutput) = ProcessRunner.RunUnchecked(repo, exe, "model", "step", "--backend", "ilgpu", "--arch", "regnety_micro");
        if (ilgpuExit == 0 || !ilgpuOutput.Contains("ILGPU#847", StringComparison.Ordinal) || !ilgpuOutput.Contains("dotnet seer.dll", StringComparison.Ordinal))
            throw new BuildFailedException($"the NativeAOT seer should refuse --backend ilgpu naming ILGPU#847 and the JIT host (exit {ilgpuExit}):\n{ilgpuOutput}");
        Console.WriteLine($"published: {exe}");
    }

    [GeneratedRegex(@"^.*warning IL\d{4}.*$", RegexOptions.Multiline)]
    private static partial Regex WarningLine();
}
