using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Seer.Toolkit.Components;

namespace Seer.Toolkit.Generators.Tests;

/// <summary>Builds in-memory compilations and runs the component generator over them.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(() =>
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return [.. tpa.Where(p => Path.GetDirectoryName(p) == runtimeDir).Select(p => MetadataReference.CreateFromFile(p))];
    });

    private static readonly Lazy<ImmutableArray<MetadataReference>> Seer = new(() =>
        [MetadataReference.CreateFromFile(typeof(IComponent).Assembly.Location)]);

    private static readonly Lazy<ImmutableArray<MetadataReference>> DependencyInjection = new(() =>
        [.. new[]
        {
            typeof(IServiceCollection).Assembly.Location,
            typeof(IOptions<>).Assembly.Location,
            typeof(Microsoft.Extensions.Primitives.StringValues).Assembly.Location,
        }.Distinct().Select(p => MetadataReference.CreateFromFile(p))]);

    /// <summary>A library compilation of the sources, referencing the framework, Abstractions and (optionally) DI.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, bool withDependencyInjection = true, string assemblyName = "Demo.Models")
    {
        var references = Framework.Value.AddRange(Seer.Value);
        if (withDependencyInjection) references = references.AddRange(DependencyInjection.Value);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Input{i}.cs"));
        return CSharpCompilation.Create(assemblyName, trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>A driver for the component generator, tracking steps when asked.</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        [new ComponentGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator once.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    /// <summary>Runs the generator once over a compilation.</summary>
    public static GeneratorRun Run(Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, diagnostics);
    }
}

/// <summary>One generator run: its result, the updated compilation and the generator's diagnostics.</summary>
internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>Generated sources by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Errors and warnings of the updated compilation.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        [.. Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
}
