using System.Collections.Concurrent;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Data;

namespace Seer.Toolkit.Components.Pretraining;

/// <summary>
/// Uncurated image files as a pretraining collection: each load decodes the file (JPEG at the smallest DCT scale that
/// still covers <c>minSide</c>); unusable files return null and are counted by reason.
/// </summary>
public sealed class DecodedImageCollection(IReadOnlyList<ImageItem> items, ImageDecoder decoder) : IImageCollection
{
    private readonly ConcurrentDictionary<string, long> _skipped = new(StringComparer.Ordinal);

    /// <summary>Opens a folder, file list or tar shard.</summary>
    public static DecodedImageCollection Open(string path, int minSide, long maxPixels = 90_000_000) =>
        new([.. ImageSources.Open(path).Items], new ImageDecoder(new DecodeOptions { MinSide = minSide, MaxPixels = maxPixels }));

    /// <inheritdoc />
    public int Count => items.Count;

    /// <summary>Files skipped so far, by reason.</summary>
    public IReadOnlyDictionary<string, long> Skipped => _skipped;

    /// <inheritdoc />
    public ImageF? Load(int index)
    {
        var result = decoder.Decode(items[index]);
        if (!result.IsOk || result.Image is null)
        {
            _skipped.AddOrUpdate(result.Status.ToName(), 1, (_, n) => n + 1);
            return null;
        }
        return ImageF.FromRgb(result.Image.Rgb, result.Image.Height, result.Image.Width);
    }
}
