using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Seer.Toolkit.Generators.Tests;

/// <summary>The pipeline caches across unrelated edits, and its models hold no compilation objects.</summary>
public sealed class IncrementalTests
{
    private static readonly string[] TrackedSteps =
    [
        TrackingNames.ParseResults,
        TrackingNames.Diagnostics,
        TrackingNames.ComponentModels,
        TrackingNames.HasDependencyInjection,
        TrackingNames.Registry,
    ];

    /// <summary>A component with a SEER004 error, so the diagnostics step has outputs.</summary>
    private const string Invalid = """
        using Seer.Toolkit.Components;
        namespace Demo;
        [Component] public sealed partial class Invalid(System.DateTime when) { public System.DateTime When => when; }
        """;

    [Fact]
    public void Adding_an_unrelated_file_leaves_every_tracked_step_cached_or_unchanged()
    {
        var compilation = GeneratorHarness.CreateCompilation([Sources.Conv2d, Sources.SqueezeExcitation, Sources.Hyperparameters, Invalid]);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo; internal static class Unrelated { public static int Two => 2; }", GeneratorHarness.ParseOptions));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(second, requireAll: true);
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_an_unrelated_file_leaves_every_tracked_step_cached_or_unchanged()
    {
        const string unrelated = "namespace Demo; internal static class Unrelated { public static int Two => 2; }";
        var compilation = GeneratorHarness.CreateCompilation([Sources.Conv2d, Sources.SqueezeExcitation, unrelated]);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var old = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(old, old.WithChangedText(
            old.GetText().Replace(old.GetText().ToString().IndexOf("2;", StringComparison.Ordinal), 1, "3")));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(second, requireAll: false);
    }

    [Fact]
    public void Editing_a_component_modifies_its_model()
    {
        var compilation = GeneratorHarness.CreateCompilation([Sources.Conv2d]);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var old = compilation.SyntaxTrees.Single();
        var changed = CSharpSyntaxTree.ParseText(Sources.Conv2d.Replace("[Parameter] private", "[Parameter(\"kernel\")] private"),
            GeneratorHarness.ParseOptions, path: old.FilePath);
        var second = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, changed)).GetRunResult().Results.Single();

        var outputs = second.TrackedSteps[TrackingNames.ComponentModels].SelectMany(s => s.Outputs).ToList();
        Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"kernel\"", second.GeneratedSources.Single(s => s.HintName == "Demo.Conv2d.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Model_types_hold_no_symbols_syntax_compilations_or_locations()
    {
        var offenders = new List<string>();
        WalkType(typeof(ParseResult), new HashSet<Type>(), offenders);
        WalkType(typeof(RegistryModel), new HashSet<Type>(), offenders);
        Assert.Empty(offenders);
    }

    [Fact]
    public void Model_instances_hold_no_symbols_syntax_compilations_or_locations()
    {
        var compilation = GeneratorHarness.CreateCompilation([Sources.Conv2d, Sources.SqueezeExcitation, Sources.Nested, Sources.Hyperparameters, Invalid]);
        var result = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();

        var values = TrackedSteps.SelectMany(name => result.TrackedSteps[name])
            .SelectMany(step => step.Outputs).Select(o => o.Value).ToList();
        Assert.Contains(values, v => v is ParseResult { Model: null, Diagnostics.Count: > 0 });
        Assert.Contains(values, v => v is ComponentModel);

        var offenders = new List<string>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var value in values) WalkValue(value, "output", visited, offenders);
        Assert.Empty(offenders);
    }

    /// <summary>Every output of the tracked steps is Cached or Unchanged; a step with no outputs at all is not recorded.</summary>
    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result, bool requireAll)
    {
        foreach (var name in TrackedSteps)
        {
            if (!result.TrackedSteps.TryGetValue(name, out var steps))
            {
                Assert.False(requireAll, $"step {name} was not tracked");
                continue;
            }
            foreach (var step in steps)
                foreach (var (_, reason) in step.Outputs)
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"step {name} output was {reason}");
        }
    }

    private static readonly Type[] Forbidden =
        [typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location)];

    private static bool IsForbidden(Type type) => Forbidden.Any(f => f.IsAssignableFrom(type));

    /// <summary>Checks every instance field type reachable from the model types of the generator assembly.</summary>
    private static void WalkType(Type type, HashSet<Type> visited, List<string> offenders)
    {
        if (!visited.Add(type)) return;
        if (IsForbidden(type)) offenders.Add(type.FullName!);
        if (type.IsArray) WalkType(type.GetElementType()!, visited, offenders);
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : []) WalkType(argument, visited, offenders);
        if (type.Assembly != typeof(ComponentGenerator).Assembly) return;
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (IsForbidden(field.FieldType) || field.FieldType == typeof(object)) offenders.Add($"{type.Name}.{field.Name}: {field.FieldType}");
            WalkType(field.FieldType, visited, offenders);
        }
    }

    /// <summary>Checks the runtime types of every object reachable from a pipeline output.</summary>
    private static void WalkValue(object? value, string path, HashSet<object> visited, List<string> offenders)
    {
        if (value is null or string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        if (!value.GetType().IsValueType && !visited.Add(value)) return;
        if (IsForbidden(value.GetType())) offenders.Add($"{path}: {value.GetType()}");
        if (value is DiagnosticDescriptor) return; // plain descriptor data, equatable by value
        if (value is System.Collections.IEnumerable items)
        {
            var i = 0;
            foreach (var item in items) WalkValue(item, $"{path}[{i++}]", visited, offenders);
            if (value.GetType().Assembly != typeof(ComponentGenerator).Assembly) return;
        }
        if (value.GetType().Assembly != typeof(ComponentGenerator).Assembly && !value.GetType().IsGenericType) return;
        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            WalkValue(field.GetValue(value), $"{path}.{field.Name}", visited, offenders);
    }
}
