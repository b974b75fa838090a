using Xunit;

namespace Seer.Toolkit.Generators.Tests;

/// <summary>Generated source for representative components, compared with the approved snapshots.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void SqueezeExcitation_matches_snapshots()
    {
        var run = GeneratorHarness.Run(Sources.Conv2d, Sources.SqueezeExcitation);
        Assert.Empty(run.Diagnostics);
        Assert.Equal(
            ["ComponentRegistry.g.cs", "Demo.Block.g.cs", "Demo.Conv2d.g.cs", "Demo.SqueezeExcitation.g.cs"],
            run.Sources.Keys.Order(StringComparer.Ordinal));
        foreach (var (hint, text) in run.Sources)
            Snapshot.Match("SqueezeExcitation." + hint.Replace(".g.cs", ""), text);
    }

    [Fact]
    public void Nested_component_matches_snapshot()
    {
        var run = GeneratorHarness.Run(Sources.Nested);
        Assert.Empty(run.Diagnostics);
        Snapshot.Match("Nested.Linear", run.Sources["Demo.Heads.Heads+Linear.g.cs"]);
    }

    [Fact]
    public void Hyperparameters_match_snapshot()
    {
        var run = GeneratorHarness.Run(Sources.Hyperparameters);
        Assert.Empty(run.Diagnostics);
        Snapshot.Match("Hyperparameters.Stem", run.Sources["Demo.Config.Stem.g.cs"]);
    }
}
