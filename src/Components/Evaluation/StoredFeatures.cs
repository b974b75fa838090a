using Seer.Toolkit.Components.Datasets;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>Features of both splits of a dataset read back from an export, for one layer.</summary>
/// <param name="TrainKeys">Key of each training row (<see cref="ILabeledImages.Key"/>), for subset lists.</param>
public sealed record StoredFeatures(string Dataset, string TestSplit, int Classes, FeatureSet Train, FeatureSet Test, IReadOnlyList<string> TrainKeys);
