using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Components.Evaluation.Reports;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary>
/// What every <c>seer eval</c> verb prints and writes: one line per result row, or JSON (one object with keys protocol,
/// dataset, top1, top5, train_images, test_images, seed; an array of them, each with trunk and fraction, for several
/// rows), and with <c>--report DIR</c> the markdown report with its plots.
/// </summary>
internal sealed class EvalOutput
{
    public Option<bool> Json { get; } = new("--json") { Description = "print JSON (protocol, dataset, top1, top5, train_images, test_images, seed)" };
    public Option<string> Report { get; } = new("--report") { Description = "write DIR/report.md with settings and result tables and PNG plots (training curves, confusion matrix, top-1 vs label fraction)" };
    public Option<string[]> Baselines { get; } = new("--baseline")
    {
        Description = "also evaluate random:ARCH or pixels by the same protocol (repeatable); one more result row each",
        DefaultValueFactory = _ => [],
    };

    /// <summary>Options every eval verb takes.</summary>
    public IEnumerable<Option> All => [Json, Report, Baselines];

    /// <summary>Prints the rows and writes the report when asked; the first row is the evaluated trunk.</summary>
    public void Emit(ParseResult r, TextWriter output, string protocol, string dataset, long seed, IReadOnlyList<ReportRow> rows,
        IReadOnlyList<string> classNames, IEnumerable<KeyValuePair<string, object?>> settings)
    {
        if (r.GetValue(Json)) PrintJson(output, protocol, dataset, seed, rows);
        else
            foreach (var row in rows)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Describe(protocol)} on {dataset}{(rows.Count > 1 ? $" ({row.Label})" : "")}: top-1 {row.Result.Top1:F2} %, top-5 {row.Result.Top5:F2} % ({row.Result.TrainCount} train, {row.Result.TestCount} test)"));
        if (r.GetValue(Report) is not { } dir) return;
        var report = new EvalReport(protocol, dataset, classNames);
        report.Set("protocol", protocol).Set("dataset", dataset).Set("seed", seed);
        foreach (var (k, v) in settings) report.Set(k, v);
        report.Rows.AddRange(rows);
        report.Write(dir);
        r.InvocationConfiguration.Error.WriteLine($"seer: report written to {Path.Combine(dir, EvalReport.FileName)}");
    }

    private static string Describe(string protocol) => protocol switch
    {
        "linear" => "linear probe",
        "finetune" => "fine-tuning",
        "lowshot" => "low-shot fine-tuning",
        _ => protocol,
    };

    private static void PrintJson(TextWriter output, string protocol, string dataset, long seed, IReadOnlyList<ReportRow> rows)
    {
        void Body(Utf8JsonWriter w, ReportRow row)
        {
            w.WriteString("protocol", protocol);
            w.WriteString("dataset", dataset);
            w.WriteNumber("top1", Math.Round(row.Result.Top1, 2));
            w.WriteNumber("top5", Math.Round(row.Result.Top5, 2));
            w.WriteNumber("train_images", row.Result.TrainCount);
            w.WriteNumber("test_images", row.Result.TestCount);
            w.WriteNumber("seed", seed);
        }
        if (rows.Count == 1)
        {
            JsonOutput.Write(output, w => Body(w, rows[0]));
            return;
        }
        JsonOutput.WriteArrayOf(output, rows, (w, row) =>
        {
            Body(w, row);
            w.WriteString("trunk", row.Trunk);
            if (row.Fraction is { } f) w.WriteNumber("fraction", f);
            else w.WriteNull("fraction");
        });
    }
}
