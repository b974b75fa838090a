namespace Seer.Toolkit.Components.Datasets;

/// <summary>One labelled image file: its path, class index, and key (path relative to the dataset root, '/'-separated).</summary>
public sealed record LabeledFile(string Path, int Label, string Key);
