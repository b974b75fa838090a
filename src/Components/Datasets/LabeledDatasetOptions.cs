using Seer.Toolkit.Data;

namespace Seer.Toolkit.Components.Datasets;

/// <summary>How a labelled dataset is opened: the held-out fraction when it has no split of its own, the split seed, and decoding limits.</summary>
public sealed record LabeledDatasetOptions
{
    /// <summary>Fraction of each class held out for validation when the data has no train/val split (ImageFolder without train/, a list file).</summary>
    public double ValFraction { get; init; } = 0.2;

    /// <summary>Seed of that split.</summary>
    public long Seed { get; init; }

    /// <summary>Decoding limits; <see cref="DecodeOptions.MinSide"/> lets JPEGs decode at a smaller DCT scale.</summary>
    public DecodeOptions Decode { get; init; } = new();
}
