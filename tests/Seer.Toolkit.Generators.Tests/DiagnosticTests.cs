using Microsoft.CodeAnalysis;
using Xunit;

namespace Seer.Toolkit.Generators.Tests;

/// <summary>Each diagnostic: its ID, a message naming the offender, and a location on the offending syntax.</summary>
public sealed class DiagnosticTests
{
    // Sources omit "using System;" to stay minimal.
    private const string Usings = """
        using System.Collections.Generic;
        using Seer.Toolkit.Components;
        using Seer.Toolkit.Tensors;
        namespace Demo;

        """;

    [Fact]
    public void SEER001_component_not_partial()
    {
        var d = Single("[Component] public sealed class Dense { public Tensor Forward(Tensor x) => x; }", "SEER001", "Dense");
        Assert.Contains("'Dense'", d.GetMessage());
    }

    [Fact]
    public void SEER001_containing_type_not_partial()
    {
        var d = Single(
            "public static class Outer { [Component] public sealed partial class Inner { public Tensor Forward(Tensor x) => x; } }",
            "SEER001", "Outer");
        Assert.Contains("'Outer'", d.GetMessage());
        Assert.Contains("'Inner'", d.GetMessage());
    }

    [Fact]
    public void SEER002_child_is_not_a_component()
    {
        var d = Single("""
            [Component] public sealed partial class Head
            {
                [Child] private readonly string projection = "";
                public Tensor Forward(Tensor x) => x;
            }
            """, "SEER002", "projection");
        Assert.Contains("'projection'", d.GetMessage());
        Assert.Contains("'string'", d.GetMessage());
    }

    [Fact]
    public void SEER002_is_not_reported_for_components_interfaces_or_lists()
    {
        var run = Run("""
            [Component] public sealed partial class Leaf { public Tensor Forward(Tensor x) => x; }
            [Component] public sealed partial class Tree
            {
                [Child] private readonly Leaf leaf = new();
                [Child] private readonly IComponent any = new Leaf();
                [Child] private readonly ComponentList<Leaf> leaves = ComponentList<Leaf>.Indexed([new Leaf()]);
                public Tensor Forward(Tensor x) => x;
            }
            """);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void SEER003_duplicate_state_name()
    {
        var d = Single("""
            [Component] public sealed partial class Norm
            {
                [Parameter] private readonly Parameter weight = new([1], Init.Ones);
                [Buffer("weight")] private readonly StateBuffer _shadow = new([1], Init.Zeros);
                [Child(Inline = true)] private readonly ComponentList<Norm> inner = ComponentList<Norm>.Indexed([]);
                public Tensor Forward(Tensor x) => x;
            }
            """, "SEER003", "_shadow");
        Assert.Contains("'weight'", d.GetMessage());
        Assert.Contains("'_shadow'", d.GetMessage());
    }

    [Fact]
    public void SEER004_unsupported_hyperparameter_type()
    {
        var d = Single("""
            [Component] public sealed partial class Pool(int size, System.DateTime stamp)
            {
                public string Text => $"{size}{stamp}";
                public Tensor Forward(Tensor x) => x;
            }
            """, "SEER004", "stamp");
        Assert.Contains("'stamp'", d.GetMessage());
        Assert.Contains("'System.DateTime'", d.GetMessage());
    }

    [Fact]
    public void SEER004_applies_to_the_single_public_constructor_and_to_list_elements()
    {
        var d = Single("""
            [Component] public sealed partial class Pool
            {
                public Pool(int size, IReadOnlyList<decimal> weights) { Size = size + weights.Count; }
                public int Size { get; }
                public Tensor Forward(Tensor x) => x;
            }
            """, "SEER004", "weights");
        Assert.Contains("'weights'", d.GetMessage());
    }

    [Fact]
    public void SEER005_missing_forward()
    {
        var d = Single("[Component] public sealed partial class Identity { public Tensor Apply(Tensor x) => x; }", "SEER005", "Identity");
        Assert.Contains("'Identity'", d.GetMessage());
    }

    [Fact]
    public void SEER006_parameter_of_wrong_type()
    {
        var d = Single("""
            [Component] public sealed partial class Scale
            {
                [Parameter] private readonly StateBuffer factor = new([1], Init.Ones);
                public Tensor Forward(Tensor x) => x;
            }
            """, "SEER006", "factor");
        Assert.Contains("'factor'", d.GetMessage());
        Assert.Contains("[Parameter]", d.GetMessage());
    }

    [Fact]
    public void SEER006_buffer_of_wrong_type()
    {
        var d = Single("""
            [Component] public sealed partial class Stats
            {
                [Buffer] public float[] Mean { get; } = [];
                public Tensor Forward(Tensor x) => x;
            }
            """, "SEER006", "Mean");
        Assert.Contains("'Mean'", d.GetMessage());
        Assert.Contains("'float[]'", d.GetMessage());
    }

    [Fact]
    public void Unresolved_slot_types_are_left_to_the_compiler()
    {
        var run = GeneratorHarness.Run("""
            using System;
            using Seer.Toolkit.Components;
            using Seer.Toolkit.Tensors;
            namespace Demo;
            [Component] public sealed partial class Stats
            {
                [Buffer] private readonly MissingBuffer? count = null;
                [Child] private readonly Missing child = null!;
                public Tensor Forward(Tensor x) => x;
            }
            """);
        Assert.Empty(run.Diagnostics);
        Assert.Contains(run.CompilationProblems, d => d.Id == "CS0246" && d.GetMessage().Contains("MissingBuffer"));
    }

    [Fact]
    public void SEER007_generic_component()
    {
        var d = Single("[Component] public sealed partial class Wrap<T> { public Tensor Forward(Tensor x) => x; }", "SEER007", "Wrap");
        Assert.Contains("'Wrap'", d.GetMessage());
    }

    [Fact]
    public void SEER008_ambiguous_constructors()
    {
        var d = Single("""
            [Component] public sealed partial class Pad
            {
                public Pad(int size) { Size = size; }
                public Pad(long size) { Size = (int)size; }
                public int Size { get; }
                public Tensor Forward(Tensor x) => x;
            }
            """, "SEER008", "Pad");
        Assert.Contains("'Pad'", d.GetMessage());
    }

    [Fact]
    public void Descriptors_are_errors_in_the_generator_category()
    {
        var descriptors = typeof(DiagnosticDescriptors).GetFields()
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!).ToList();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => $"SEER{i:000}"), descriptors.Select(d => d.Id).Order());
        Assert.All(descriptors, d =>
        {
            Assert.Equal(DiagnosticSeverity.Error, d.DefaultSeverity);
            Assert.Equal("Seer.Toolkit.Generators", d.Category);
        });
    }

    private static GeneratorRun Run(string body) => GeneratorHarness.Run(Usings + body);

    /// <summary>Runs the body, expects exactly one diagnostic with the ID, located on the given identifier.</summary>
    private static Diagnostic Single(string body, string id, string locatedText)
    {
        var source = Usings + body;
        var run = GeneratorHarness.Run(source);
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.SourceSpan;
        Assert.Equal(locatedText, source.Substring(span.Start, span.Length));
        Assert.Equal("Input0.cs", diagnostic.Location.GetLineSpan().Path);
        var line = source[..span.Start].Count(c => c == '\n');
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(run.Sources);
        return diagnostic;
    }
}
