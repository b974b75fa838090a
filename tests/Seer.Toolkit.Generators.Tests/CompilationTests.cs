using Microsoft.CodeAnalysis;
using Xunit;

namespace Seer.Toolkit.Generators.Tests;

/// <summary>The generated code compiles cleanly into the consuming compilation.</summary>
public sealed class CompilationTests
{
    public static TheoryData<string, string[]> Inputs => new()
    {
        { "squeeze-excitation", [Sources.Conv2d, Sources.SqueezeExcitation] },
        { "nested", [Sources.Nested] },
        { "hyperparameters", [Sources.Hyperparameters] },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Output_compiles_without_errors_or_warnings(string name, string[] sources)
    {
        var run = GeneratorHarness.Run(sources);
        Assert.Empty(run.Diagnostics);
        Assert.True(run.Result.GeneratedTrees.Length > 0, name);
        Assert.Empty(run.CompilationProblems);

        using var stream = new MemoryStream();
        var emit = run.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
    }

    [Fact]
    public void Without_dependency_injection_no_registration_is_emitted_and_output_compiles()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation([Sources.Conv2d], withDependencyInjection: false));
        var source = run.Sources["Demo.Conv2d.g.cs"];
        Assert.Contains("public static global::Demo.Conv2d Create(global::Demo.Conv2dOptions options)", source);
        Assert.DoesNotContain("ServiceCollectionExtensions", source);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Registry_lists_valid_components_sorted_and_is_omitted_without_components()
    {
        var run = GeneratorHarness.Run(Sources.Conv2d, Sources.SqueezeExcitation);
        var registry = run.Sources["ComponentRegistry.g.cs"];
        Assert.Contains("internal static class DemoModelsComponentRegistry", registry);
        Assert.True(registry.IndexOf("\"Conv2d\"", StringComparison.Ordinal) < registry.IndexOf("\"SqueezeExcitation\"", StringComparison.Ordinal));
        Assert.True(registry.IndexOf("\"SqueezeExcitation\"", StringComparison.Ordinal) < registry.IndexOf("\"se_block\"", StringComparison.Ordinal));

        var empty = GeneratorHarness.Run("namespace Demo; public sealed class Plain { }");
        Assert.Empty(empty.Sources);
    }

    [Fact]
    public void Component_with_errors_emits_nothing_while_others_still_generate()
    {
        const string broken = """
            using Seer.Toolkit.Components;
            namespace Demo;
            [Component] public sealed partial class Broken(int width) { public int Width => width; }
            """;
        var run = GeneratorHarness.Run(Sources.Conv2d, broken);
        Assert.Contains(run.Diagnostics, d => d.Id == "SEER005");
        Assert.Contains("Demo.Conv2d.g.cs", run.Sources.Keys);
        Assert.DoesNotContain("Demo.Broken.g.cs", run.Sources.Keys);
        Assert.DoesNotContain("\"Broken\"", run.Sources["ComponentRegistry.g.cs"]);
    }

    [Fact]
    public void Literal_formatter_round_trips_numbers_and_escapes_strings()
    {
        Assert.Equal("0.1", LiteralFormatter.Double(0.1));
        Assert.Equal("1e-05", LiteralFormatter.Double(1e-5));
        Assert.Equal("2.0", LiteralFormatter.Double(2));
        Assert.Equal("-0.0", LiteralFormatter.Double(-0.0));
        Assert.Equal("double.NaN", LiteralFormatter.Double(double.NaN));
        Assert.Equal("0.1f", LiteralFormatter.Single(0.1f));
        Assert.Equal("float.NegativeInfinity", LiteralFormatter.Single(float.NegativeInfinity));
        Assert.Equal("-9223372036854775808L", LiteralFormatter.Int64(long.MinValue));
        Assert.Equal("\"a\\\"b\\\\c\\n\\t\"", LiteralFormatter.String("a\"b\\c\n\t"));
    }

    [Fact]
    public void Registry_class_name_is_a_valid_identifier()
    {
        Assert.Equal("SeerToolkitComponentRegistry", ComponentGenerator.RegistryClassName("Seer.Toolkit"));
        Assert.Equal("_3dmodelsComponentRegistry", ComponentGenerator.RegistryClassName("3d-models"));
        Assert.Equal("AssemblyComponentRegistry", ComponentGenerator.RegistryClassName(""));
    }
}
