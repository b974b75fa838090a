namespace Seer.Toolkit.Components.Evaluation.Reports;

/// <summary>One named curve y(x) of a <see cref="LineChart"/>; non-finite points are left out.</summary>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);
