using System.Collections.Concurrent;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Data;

namespace Seer.Toolkit.Components.Datasets;

/// <summary>
/// Labelled image files (an ImageFolder split or a path,label list), decoded on each load by content (libjpeg-turbo,
/// SkiaSharp); a file that cannot be decoded loads as null and is counted once by reason. Thread-safe.
/// </summary>
public sealed class LabeledFileImages(string name, IReadOnlyList<LabeledFile> files, IReadOnlyList<string> classNames, ImageDecoder decoder)
    : ILabeledImages
{
    private readonly ConcurrentDictionary<int, DecodeStatus> _failures = new();

    /// <inheritdoc />
    public string Name => name;

    /// <summary>The files, in split order.</summary>
    public IReadOnlyList<LabeledFile> Files => files;

    /// <inheritdoc />
    public int Count => files.Count;

    /// <inheritdoc />
    public int Classes => classNames.Count;

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => classNames;

    /// <inheritdoc />
    public EvalCrop EvalCrop => EvalCrop.ResizeCenterCrop;

    /// <inheritdoc />
    public int Label(int index) => files[index].Label;

    /// <inheritdoc />
    public string Key(int index) => files[index].Key;

    /// <inheritdoc />
    public ImageF? Load(int index)
    {
        var result = decoder.Decode(new FileImageItem(files[index].Path));
        if (!result.IsOk || result.Image is null)
        {
            _failures[index] = result.Status;
            return null;
        }
        return ImageF.FromRgb(result.Image.Rgb, result.Image.Height, result.Image.Width);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<DecodeStatus, long> Skipped =>
        _failures.Values.GroupBy(s => s).ToDictionary(g => g.Key, g => (long)g.Count());

    /// <inheritdoc />
    public ILabeledImages Select(IReadOnlyList<int> indices) =>
        new LabeledFileImages(name, [.. indices.Select(i => files[i])], classNames, decoder);
}
