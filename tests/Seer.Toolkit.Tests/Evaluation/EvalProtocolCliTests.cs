using System.Text.Json;
using Seer.Toolkit.Tests.Cli;
using Seer.Toolkit.Tests.Data;
using Seer.Toolkit.Tests.Datasets;

namespace Seer.Toolkit.Tests.Evaluation;

/// <summary><c>seer eval linear --augment/--bn</c> on an ImageFolder: protocol JSON, same seed same result, and inputs it cannot use refused by name.</summary>
public sealed class EvalProtocolCliTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Root()
    {
        LabeledImageTree.Write(_dir, "shapes", ["circle", "square", "star"], 8);
        return Path.Combine(_dir.Path, "shapes");
    }

    [Fact]
    public void Augmented_probe_with_bn_prints_the_protocol_json_and_repeats_with_the_seed()
    {
        var root = Root();
        string[] args = ["eval", "linear", "--checkpoint", "random:regnety_micro", "--dataset", root, "--resolution", "32", "--epochs", "2", "--augment", "--bn", "--seed", "4", "--json"];
        var (exit, output, error) = CliRunner.Run(args);
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["protocol", "dataset", "top1", "top5", "train_images", "test_images", "seed"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("linear", 4L), (json.GetProperty("protocol").GetString(), json.GetProperty("seed").GetInt64()));
        Assert.Equal(output, CliRunner.Run(args).Out);
    }

    [Fact]
    public void Augmented_probe_refuses_pixels_stored_features_and_a_stage_layer()
    {
        var root = Root();
        var (exit, _, error) = CliRunner.Run("eval", "linear", "--checkpoint", "pixels", "--dataset", root, "--augment");
        Assert.Equal(2, exit);
        Assert.Contains("pixels has no trunk", error);
        (exit, _, error) = CliRunner.Run("eval", "linear", "--features", _dir.Path, "--augment");
        Assert.Equal(2, exit);
        Assert.Contains("--features", error);
        (exit, _, error) = CliRunner.Run("eval", "linear", "--checkpoint", "random:regnety_micro", "--dataset", root, "--augment", "--layer", "res3");
        Assert.Equal(2, exit);
        Assert.Contains("--layer", error);
        (exit, var output, error) = CliRunner.Run("eval", "finetune", "--checkpoint", "random:regnety_micro", "--baseline", "pixels", "--dataset", root, "--epochs", "1");
        Assert.Equal(2, exit);
        Assert.Contains("pixels has no trunk", error);
        Assert.Equal("", output);                                          // refused before the trunk was trained
    }
}
