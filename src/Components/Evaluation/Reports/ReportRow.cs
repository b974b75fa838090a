namespace Seer.Toolkit.Components.Evaluation.Reports;

/// <summary>One evaluated trunk (or baseline: random init, pixels) at one label fraction (null: all labels), with what its run recorded.</summary>
public sealed record ReportRow(string Trunk, double? Fraction, ProbeResult Result, EvalTrace? Trace = null)
{
    /// <summary>"trunk" or "trunk, 1 %": the row's name in tables and legends.</summary>
    public string Label => Fraction is { } f ? $"{Trunk}, {EvalReport.Percent(f)}" : Trunk;
}
