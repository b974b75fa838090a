namespace Seer.Toolkit.Components.Evaluation;

/// <summary>Features of one split for several layers, and which images (indices into the split) the rows are; unusable images have no row.</summary>
public sealed record LayerFeatures(FeatureSet[] Layers, int[] Rows);
