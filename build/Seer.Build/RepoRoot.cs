namespace Seer.Build;

/// <summary>Locates the repository root (the folder holding Seer.Toolkit.sln).</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Seer.Toolkit.sln"))) return dir.FullName;
        throw new BuildFailedException("Seer.Toolkit.sln not found above the current directory");
    }
}

/// <summary>A step failed; the message says which and why.</summary>
internal sealed class BuildFailedException(string message) : Exception(message);
