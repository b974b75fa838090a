using System.Globalization;
using System.Text;

namespace Seer.Toolkit.Components.Evaluation.Reports;

/// <summary>
/// The markdown report of one <c>seer eval</c> run in a folder: <c>report.md</c> with a settings table and a result
/// table (the trunk, then the baselines), linking PNG plots: training curves (<c>loss.png</c>, <c>accuracy.png</c>),
/// the first row's confusion matrix (<c>confusion.png</c>), and top-1 vs label fraction (<c>fraction.png</c>) when
/// several fractions were evaluated.
/// </summary>
public sealed class EvalReport(string protocol, string dataset, IReadOnlyList<string> classNames)
{
    /// <summary>The markdown file's name.</summary>
    public const string FileName = "report.md";

    /// <summary>Settings shown in the first table, in order.</summary>
    public List<KeyValuePair<string, string>> Settings { get; } = [];

    /// <summary>Result rows: the evaluated trunk first, then its baselines.</summary>
    public List<ReportRow> Rows { get; } = [];

    /// <summary>Adds a setting (invariant formatting).</summary>
    public EvalReport Set(string key, object? value)
    {
        Settings.Add(new(key, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
        return this;
    }

    /// <summary>"1 %", "10 %", "0.5 %".</summary>
    public static string Percent(double fraction) => (100 * fraction).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    /// <summary>Writes the plots and <c>report.md</c> into <paramref name="dir"/> (created); returns the paths written.</summary>
    public IReadOnlyList<string> Write(string dir)
    {
        Directory.CreateDirectory(dir);
        var written = new List<string>();
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {protocol} evaluation on {dataset}").AppendLine();
        md.AppendLine("## Settings").AppendLine().AppendLine("| setting | value |").AppendLine("|---|---|");
        foreach (var (k, v) in Settings) md.AppendLine(CultureInfo.InvariantCulture, $"| {k} | {Escape(v)} |");
        md.AppendLine().AppendLine("## Results").AppendLine();
        md.AppendLine("| trunk | label fraction | top-1 | top-5 | train images | test images |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var r in Rows)
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Escape(r.Trunk)} | {(r.Fraction is { } f ? Percent(f) : "—")} | {r.Result.Top1:F2} % | {r.Result.Top5:F2} % | {r.Result.TrainCount} | {r.Result.TestCount} |"));
        md.AppendLine();

        var curves = Rows.Where(r => r.Trace is { Epochs.Count: > 0 }).ToList();
        if (curves.Count > 0)
        {
            var loss = curves.Select(r => new LineSeries(r.Label, [.. r.Trace!.Epochs.Select(e => (double)e.Epoch)], [.. r.Trace.Epochs.Select(e => e.Loss)])).ToList();
            var accuracy = curves.Select(r => new LineSeries(r.Label + " train", [.. r.Trace!.Epochs.Select(e => (double)e.Epoch)], [.. r.Trace.Epochs.Select(e => e.TrainTop1)]))
                .Concat(curves.Where(r => r.Trace!.Epochs.Any(e => e.TestTop1 is not null)).Select(r => new LineSeries(r.Label + " test",
                    [.. r.Trace!.Epochs.Where(e => e.TestTop1 is not null).Select(e => (double)e.Epoch)], [.. r.Trace.Epochs.Where(e => e.TestTop1 is not null).Select(e => e.TestTop1!.Value)])))
                .ToList();
            written.Add(Plot(dir, "loss.png", p => LineChart.Save(p, $"{protocol}: training loss", "epoch", "cross-entropy", loss)));
            written.Add(Plot(dir, "accuracy.png", p => LineChart.Save(p, $"{protocol}: top-1 per epoch", "epoch", "top-1 (%)", accuracy, (0, 100))));
            md.AppendLine("## Training curves").AppendLine().AppendLine("![training loss](loss.png)").AppendLine().AppendLine("![top-1 per epoch](accuracy.png)").AppendLine();
        }
        if (Rows.FirstOrDefault(r => r.Trace?.Confusion is not null) is { } main)
        {
            written.Add(Plot(dir, "confusion.png", p => ConfusionChart.Save(p, $"{protocol} confusion matrix: {main.Label}", main.Trace!.Confusion!, classNames)));
            md.AppendLine("## Confusion matrix").AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{Escape(main.Label)}, held-out images.").AppendLine()
                .AppendLine("![confusion matrix](confusion.png)").AppendLine();
        }
        var fractions = Rows.Select(r => r.Fraction ?? 1.0).Distinct().ToList();
        if (fractions.Count > 1)
        {
            var series = Rows.GroupBy(r => r.Trunk).Select(g => new LineSeries(g.Key, [.. g.Select(r => 100 * (r.Fraction ?? 1.0))], [.. g.Select(r => r.Result.Top1)])).ToList();
            written.Add(Plot(dir, "fraction.png", p => LineChart.Save(p, $"{protocol}: top-1 vs label fraction", "labelled images (%)", "top-1 (%)", series, (0, 100), logX: true)));
            md.AppendLine("## Accuracy vs label fraction").AppendLine().AppendLine("![top-1 vs label fraction](fraction.png)").AppendLine();
        }
        var path = Path.Combine(dir, FileName);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, md.ToString());
        File.Move(tmp, path, overwrite: true);
        written.Add(path);
        return written;
    }

    private static string Plot(string dir, string name, Action<string> draw)
    {
        var path = Path.Combine(dir, name);
        draw(path);
        return path;
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
