namespace Seer.Toolkit.Components.Datasets;

/// <summary>The two splits of an IDX dataset (train and t10k).</summary>
public sealed record DatasetSplits(LabeledGrayDataset Train, LabeledGrayDataset Test);
