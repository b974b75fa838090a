using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;

namespace Seer.Toolkit.Components.Pretraining;

/// <summary>An indexable set of unlabeled images for pretraining.</summary>
public interface IImageCollection
{
    /// <summary>Number of images.</summary>
    int Count { get; }

    /// <summary>Decoded image <paramref name="index"/> as float RGB, or null when it cannot be used (counted by the caller).</summary>
    ImageF? Load(int index);
}

/// <summary>The images of a labelled grayscale dataset, labels ignored (Fashion-MNIST as pretraining data).</summary>
public sealed class GrayDatasetImages(LabeledGrayDataset data) : IImageCollection
{
    /// <inheritdoc />
    public int Count => data.Count;

    /// <inheritdoc />
    public ImageF? Load(int index) => ImageF.FromGray(data.Images.Image(index), data.Images.Height, data.Images.Width);
}
