using System.Text.Json;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Components.Evaluation.Reports;
using Seer.Toolkit.Tests.Cli;
using Seer.Toolkit.Tests.Data;
using Seer.Toolkit.Tests.Datasets;
using SkiaSharp;

namespace Seer.Toolkit.Tests.Evaluation;

/// <summary>Reports render: the PNG plots exist, are non-empty and decode, and the markdown links each of them.</summary>
public sealed class EvalReportTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void AssertPng(string path)
    {
        Assert.True(File.Exists(path), path);
        Assert.True(new FileInfo(path).Length > 1000, path);
        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        Assert.True(bitmap.Width > 100 && bitmap.Height > 100);
        // something was drawn: not every pixel is the white background
        Assert.Contains(bitmap.Pixels, p => p != SKColors.White);
    }

    private static EvalTrace Trace(int epochs, int classes, int seed)
    {
        var rng = new Random(seed);
        var trace = new EvalTrace();
        for (int e = 1; e <= epochs; e++) trace.Epochs.Add(new EpochRecord(e, 2.0 / e + rng.NextDouble() * 0.1, 40 + 10 * e, e == epochs ? 70 : 50 + e, 0.1));
        trace.Confusion = new ConfusionMatrix(classes);
        for (int i = 0; i < 200; i++)
        {
            int t = i % classes;
            trace.Confusion.Add(t, rng.NextDouble() < 0.7 ? t : rng.Next(classes));
        }
        return trace;
    }

    [Fact]
    public void Report_writes_plots_and_links_them()
    {
        var report = new EvalReport("lowshot", "fashion-mnist", ["a", "b", "c", "d"]);
        report.Set("epochs", 3).Set("weight decay", 0.0);
        report.Rows.Add(new ReportRow("runs/tiny", 0.01, new ProbeResult(61.5, 95.25, 40, 200), Trace(3, 4, 1)));
        report.Rows.Add(new ReportRow("runs/tiny", 0.1, new ProbeResult(72.0, 98.0, 400, 200), Trace(3, 4, 2)));
        report.Rows.Add(new ReportRow("random:tiny", 0.01, new ProbeResult(30.0, 80.0, 40, 200), Trace(3, 4, 3)));
        report.Rows.Add(new ReportRow("random:tiny", 0.1, new ProbeResult(45.0, 90.0, 400, 200), Trace(3, 4, 4)));
        var written = report.Write(_dir.Path);
        foreach (var png in new[] { "loss.png", "accuracy.png", "confusion.png", "fraction.png" })
        {
            AssertPng(Path.Combine(_dir.Path, png));
            Assert.Contains(Path.Combine(_dir.Path, png), written);
        }
        var md = File.ReadAllText(Path.Combine(_dir.Path, EvalReport.FileName));
        foreach (var png in new[] { "loss.png", "accuracy.png", "confusion.png", "fraction.png" }) Assert.Contains($"]({png})", md);
        Assert.Contains("| runs/tiny | 1 % | 61.50 % | 95.25 % | 40 | 200 |", md);
        Assert.Contains("| random:tiny | 10 % | 45.00 % | 90.00 % | 400 | 200 |", md);
        Assert.Contains("| weight decay | 0 |", md);
    }

    [Fact]
    public void A_single_fraction_without_curves_gets_no_curve_or_fraction_plot()
    {
        var trace = new EvalTrace { Confusion = new ConfusionMatrix(2) };
        trace.Confusion.Add(0, 0);
        trace.Confusion.Add(1, 0);
        var report = new EvalReport("knn", "shapes", ["x", "y"]);
        report.Rows.Add(new ReportRow("pixels", null, new ProbeResult(50, 100, 10, 2), trace));
        report.Write(_dir.Path);
        AssertPng(Path.Combine(_dir.Path, "confusion.png"));
        Assert.False(File.Exists(Path.Combine(_dir.Path, "loss.png")));
        Assert.False(File.Exists(Path.Combine(_dir.Path, "fraction.png")));
        Assert.DoesNotContain("loss.png", File.ReadAllText(Path.Combine(_dir.Path, EvalReport.FileName)));
    }

    [Fact]
    public void Cli_linear_probe_report_has_the_baseline_row_curves_and_confusion()
    {
        LabeledImageTree.Write(_dir, "shapes", ["circle", "square", "star"], 8);
        var reportDir = Path.Combine(_dir.Path, "report");
        var (exit, output, error) = CliRunner.Run("eval", "linear", "--checkpoint", "random:regnety_micro", "--baseline", "pixels",
            "--dataset", Path.Combine(_dir.Path, "shapes"), "--resolution", "32", "--epochs", "3", "--report", reportDir);
        Assert.True(exit == 0, error);
        Assert.Contains("(random:regnety_micro)", output);
        Assert.Contains("(pixels)", output);
        var md = File.ReadAllText(Path.Combine(reportDir, EvalReport.FileName));
        Assert.Contains("| random:regnety_micro |", md);
        Assert.Contains("| pixels |", md);
        foreach (var png in new[] { "loss.png", "accuracy.png", "confusion.png" })
        {
            AssertPng(Path.Combine(reportDir, png));
            Assert.Contains($"]({png})", md);
        }
    }

    [Fact]
    public void Cli_lowshot_with_two_fractions_plots_accuracy_against_the_fraction()
    {
        LabeledImageTree.Write(_dir, "shapes", ["circle", "square", "star"], 10);
        var reportDir = Path.Combine(_dir.Path, "report");
        var (exit, output, error) = CliRunner.Run("eval", "lowshot", "--checkpoint", "random:regnety_micro", "--fraction", "0.25", "0.5",
            "--dataset", Path.Combine(_dir.Path, "shapes"), "--resolution", "32", "--epochs", "1", "--batch-size", "8", "--json", "--report", reportDir);
        Assert.True(exit == 0, error);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal([0.25, 0.5], rows.Select(r => r.GetProperty("fraction").GetDouble()));
        Assert.All(rows, r => Assert.Equal("lowshot", r.GetProperty("protocol").GetString()));
        Assert.True(rows[0].GetProperty("train_images").GetInt32() < rows[1].GetProperty("train_images").GetInt32());
        AssertPng(Path.Combine(reportDir, "fraction.png"));
        Assert.Contains("](fraction.png)", File.ReadAllText(Path.Combine(reportDir, EvalReport.FileName)));
    }

    [Fact]
    public void Cli_finetune_prints_the_protocol_json_and_refuses_pixels()
    {
        LabeledImageTree.Write(_dir, "shapes", ["circle", "square", "star"], 6);
        var root = Path.Combine(_dir.Path, "shapes");
        var (exit, output, error) = CliRunner.Run("eval", "finetune", "--checkpoint", "random:regnety_micro", "--dataset", root,
            "--resolution", "32", "--epochs", "1", "--batch-size", "8", "--json");
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["protocol", "dataset", "top1", "top5", "train_images", "test_images", "seed"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("finetune", json.GetProperty("protocol").GetString());
        var (badExit, _, badError) = CliRunner.Run("eval", "finetune", "--checkpoint", "pixels", "--dataset", root, "--epochs", "1");
        Assert.Equal(2, badExit);
        Assert.Contains("pixels has no trunk", badError);
    }
}
