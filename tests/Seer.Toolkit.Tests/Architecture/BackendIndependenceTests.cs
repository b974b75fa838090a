using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Seer.Toolkit.Tests.Architecture;

/// <summary>Models and components see only <c>IBackend</c>: no component project references a backend and no component source names one.</summary>
public sealed partial class BackendIndependenceTests
{
    private static readonly string Root = RepositoryRoot();

    [Theory]
    [InlineData("src/Components/Seer.Toolkit.Components.csproj")]
    [InlineData("src/Abstractions/Seer.Toolkit.Abstractions.csproj")]
    public void Component_projects_reference_no_backend_project_or_package(string project)
    {
        var document = XDocument.Load(Path.Combine(Root, project));
        var references = document.Descendants()
            .Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference")
            .Select(e => (string?)e.Attribute("Include") ?? "")
            .ToList();
        Assert.NotEmpty(references);
        var backends = references.Where(r => r.Replace('\\', '/').Contains("Backends/", StringComparison.OrdinalIgnoreCase)
                                              || BackendName().IsMatch(r)).ToList();
        Assert.True(backends.Count == 0, $"{project} references {string.Join(", ", backends)}");
    }

    [Fact]
    public void No_component_source_file_names_a_backend()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Root, "src", "Components"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(sources.Count > 50, $"only {sources.Count} source files found under src/Components");
        var offenders = sources
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => BackendName().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "component code names a backend:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_backend_pattern_catches_the_backend_namespaces()
    {
        Assert.Matches(BackendName(), "using Seer.Toolkit.Backends.TorchSharp;");
        Assert.Matches(BackendName(), "using Seer.Toolkit.Backends.Ilgpu;");
        Assert.Matches(BackendName(), "var x = new ILGPU.Context();");
        Assert.Matches(BackendName(), "using static TorchSharp.torch;");
        Assert.DoesNotMatch(BackendName(), "torchvision's RegNet layout");
    }

    /// <summary>A backend's name (TorchSharp, libtorch, ILGPU, the autodiff decorator, MPI) as a word.</summary>
    [GeneratedRegex(@"\b(TorchSharp|libtorch|ILGPU|Backends\.(Ilgpu|Autodiff|Mpi|TorchSharp))\b", RegexOptions.IgnoreCase)]
    private static partial Regex BackendName();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Seer.Toolkit.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Seer.Toolkit.sln above {AppContext.BaseDirectory}");
    }
}
