namespace Seer.Toolkit.Components.Evaluation;

/// <summary>One split of an export: its name, images listed, feature rows written, and images skipped by reason.</summary>
public sealed record FeatureSplitEntry(string Name, int Images, int Rows, IReadOnlyDictionary<string, long> Skipped);
