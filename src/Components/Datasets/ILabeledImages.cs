using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Data;

namespace Seer.Toolkit.Components.Datasets;

/// <summary>
/// One split of a labelled image dataset (IDX, ImageFolder, a path,label list): image i as float RGB with its class
/// index in [0, <see cref="Classes"/>). Unusable images load as null and are counted by reason, never thrown.
/// </summary>
public interface ILabeledImages
{
    /// <summary>The dataset's name (a known name, or the folder / list file name).</summary>
    string Name { get; }

    /// <summary>Number of images listed (usable or not).</summary>
    int Count { get; }

    /// <summary>Number of classes (the training split's class list).</summary>
    int Classes { get; }

    /// <summary>Class names by index.</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>How evaluation fits this dataset's images to the trunk's input side.</summary>
    EvalCrop EvalCrop { get; }

    /// <summary>Class index of image <paramref name="index"/>.</summary>
    int Label(int index);

    /// <summary>A stable name of image <paramref name="index"/> in its full split (an IDX index, or a path relative to the dataset root), used by subset lists.</summary>
    string Key(int index);

    /// <summary>Image <paramref name="index"/> as planar RGB in [0, 1], or null when it cannot be decoded (counted in <see cref="Skipped"/>).</summary>
    ImageF? Load(int index);

    /// <summary>Images that failed to load so far, by reason (each image counted once).</summary>
    IReadOnlyDictionary<DecodeStatus, long> Skipped { get; }

    /// <summary>A new split holding images <paramref name="indices"/> (in that order), keys kept; its skip counts start at zero.</summary>
    ILabeledImages Select(IReadOnlyList<int> indices);
}
