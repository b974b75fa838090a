using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Seer.Toolkit.Benchmarks;

/// <summary>libjpeg-turbo's own decoder benchmark (`tjbench`, Debian package libjpeg-turbo-progs): decode frames per second of one JPEG.</summary>
internal static partial class TjBench
{
    /// <summary>Path of tjbench, or null when it is not installed.</summary>
    public static string? Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "tjbench")).FirstOrDefault(File.Exists);

    /// <summary>Decompressions per second of <paramref name="jpeg"/> to packed RGB (single thread), or null when tjbench refuses the file.</summary>
    public static double? FramesPerSecond(string tjbench, string jpeg, double seconds, double warmup)
    {
        var start = new ProcessStartInfo(tjbench) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { jpeg, "-rgb", "-nowrite", "-benchtime", F(seconds), "-warmup", F(warmup) }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        var m = DecompressFps().Match(stdout.Result + stderr.Result);
        return p.ExitCode == 0 && m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Decompress\s+-->\s+Frame rate:\s+([0-9.]+) fps")]
    private static partial Regex DecompressFps();
}
