using System.Globalization;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Data;

namespace Seer.Toolkit.Components.Datasets;

/// <summary>A labelled split of grayscale images (Fashion-MNIST, MNIST); each image loads as gray replicated to RGB.</summary>
public sealed record LabeledGrayDataset(string Name, GrayImages Images, byte[] Labels, int Classes) : ILabeledImages
{
    private static readonly IReadOnlyDictionary<DecodeStatus, long> NoneSkipped = new Dictionary<DecodeStatus, long>();

    /// <summary>Number of images.</summary>
    public int Count => Images.Count;

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames { get; init; } = [.. Enumerable.Range(0, Classes).Select(c => c.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Index of each image in the full split it was selected from (null: this is the full split).</summary>
    public int[]? SourceIndices { get; init; }

    /// <inheritdoc />
    public EvalCrop EvalCrop => EvalCrop.WholeImage;

    /// <inheritdoc />
    public int Label(int index) => Labels[index];

    /// <inheritdoc />
    public string Key(int index) => (SourceIndices?[index] ?? index).ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public ImageF? Load(int index) => ImageF.FromGray(Images.Image(index), Images.Height, Images.Width);

    /// <inheritdoc />
    public IReadOnlyDictionary<DecodeStatus, long> Skipped => NoneSkipped;

    /// <inheritdoc />
    public ILabeledImages Select(IReadOnlyList<int> indices)
    {
        int per = Images.Height * Images.Width;
        var pixels = new byte[(long)indices.Count * per];
        var labels = new byte[indices.Count];
        var source = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Images.Image(indices[i]).CopyTo(pixels.AsSpan(i * per, per));
            labels[i] = Labels[indices[i]];
            source[i] = SourceIndices?[indices[i]] ?? indices[i];
        }
        return new LabeledGrayDataset(Name, new GrayImages(indices.Count, Images.Height, Images.Width, pixels), labels, Classes)
        {
            ClassNames = ClassNames,
            SourceIndices = source,
        };
    }
}
