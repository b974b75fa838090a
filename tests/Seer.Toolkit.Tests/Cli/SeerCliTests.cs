using System.Text.Json;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.RegNet.Design;
using Seer.Toolkit.Weights;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Tests.Cli;

/// <summary>The CLI's public surface: verbs, JSON keys, values and errors.</summary>
public class SeerCliTests
{
    [Fact]
    public void Model_info_json_reports_torchvision_count_and_layout()
    {
        var (exit, stdout, _) = CliRunner.Run("model", "info", "--arch", "regnety_400mf", "--classes", "1000", "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(["arch", "parameters", "gflops", "widths", "depths", "group_widths"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("regnety_400mf", root.GetProperty("arch").GetString());
        Assert.Equal(4_344_144, root.GetProperty("parameters").GetInt64());
        Assert.Equal([48, 104, 208, 440], root.GetProperty("widths").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([1, 3, 6, 6], root.GetProperty("depths").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([8, 8, 8, 8], root.GetProperty("group_widths").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(0.40, root.GetProperty("gflops").GetDouble(), 0.01);
    }

    [Theory]
    [InlineData("seer_rg32gf")]
    [InlineData("seer_rg64gf")]
    [InlineData("seer_rg128gf")]
    [InlineData("seer_rg256gf")]
    [InlineData("seer_rg10b")]
    public void Seer_trunk_counts_with_classes_0(string arch)
    {
        var (exit, stdout, _) = CliRunner.Run("model", "info", "--arch", arch, "--classes", "0", "--json");
        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(stdout);
        var spec = RegNetDesignSpace.Resolve(RegNetPresets.Get(arch).Params);
        Assert.Equal(RegNetComplexity.Network(spec, 0).Parameters, doc.RootElement.GetProperty("parameters").GetInt64());
    }

    [Fact]
    public void Model_list_names_every_preset()
    {
        var (exit, stdout, _) = CliRunner.Run("model", "list");
        Assert.Equal(0, exit);
        Assert.All(RegNetPresets.Names, n => Assert.Contains(n, stdout));
    }

    [Fact]
    public void Unknown_architecture_is_a_clear_error()
    {
        var (exit, _, stderr) = CliRunner.Run("model", "info", "--arch", "resnet50");
        Assert.Equal(2, exit);
        Assert.Contains("unknown architecture 'resnet50'", stderr);
    }

    [Fact]
    public void Model_step_runs_forward_and_backward()
    {
        var (exit, stdout, _) = CliRunner.Run("model", "step", "--arch", "regnety_micro", "--batch", "2", "--resolution", "16", "--precision", "bf16");
        Assert.Equal(0, exit);
        Assert.Contains("loss", stdout);
        Assert.Contains("BFloat16", stdout);
    }

    [Fact]
    public void Checkpoint_diff_json_has_the_published_keys()
    {
        var dir = Directory.CreateTempSubdirectory("seer-cli-").FullName;
        try
        {
            var backend = new TorchBackend();
            var a = Path.Combine(dir, "a.safetensors");
            var b = Path.Combine(dir, "b.safetensors");
            ComponentCheckpoint.Save(RegNetModel.FromPreset("regnety_micro", 3).Materialize(backend, 1), a);
            ComponentCheckpoint.Save(RegNetModel.FromPreset("regnety_micro", 3).Materialize(backend, 1), b);
            var (exit, stdout, _) = CliRunner.Run("checkpoint", "diff", a, b, "--json");
            Assert.Equal(0, exit);
            using var doc = JsonDocument.Parse(stdout);
            var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.Superset(new HashSet<string> { "keys_compared", "max_abs", "max_rel", "missing", "unexpected" }, keys);
            Assert.Equal(0, doc.RootElement.GetProperty("max_abs").GetDouble());
            Assert.True(doc.RootElement.GetProperty("keys_compared").GetInt32() > 50);

            ComponentCheckpoint.Save(RegNetModel.FromPreset("regnety_micro", 3).Materialize(backend, 2), b);
            (exit, stdout, _) = CliRunner.Run("checkpoint", "diff", a, b, "--json");
            Assert.Equal(0, exit);
            using var doc2 = JsonDocument.Parse(stdout);
            Assert.True(doc2.RootElement.GetProperty("max_abs").GetDouble() > 0);

            var (missingExit, _, err) = CliRunner.Run("checkpoint", "diff", a, Path.Combine(dir, "nope.safetensors"));
            Assert.Equal(2, missingExit);
            Assert.Contains("nope.safetensors", err);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
