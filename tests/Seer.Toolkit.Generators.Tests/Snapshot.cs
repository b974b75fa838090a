using System.Runtime.CompilerServices;
using Xunit;

namespace Seer.Toolkit.Generators.Tests;

/// <summary>Compares text with a checked-in Snapshots/*.approved.cs file; SEER_ACCEPT_SNAPSHOTS=1 rewrites it.</summary>
internal static class Snapshot
{
    /// <summary>Fails (writing *.received.cs) when the text differs from the approved file.</summary>
    public static void Match(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        var approved = Path.Combine(folder, name + ".approved.cs");
        var received = Path.Combine(folder, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");

        if (Environment.GetEnvironmentVariable("SEER_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(approved, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(approved) ? File.ReadAllText(approved).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No approved snapshot {approved}; wrote {received}. Review it and rerun with SEER_ACCEPT_SNAPSHOTS=1."
            : $"Snapshot {approved} differs; wrote {received}. Review the difference and rerun with SEER_ACCEPT_SNAPSHOTS=1 if it is intended.");
    }
}
