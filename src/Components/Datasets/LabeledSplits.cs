namespace Seer.Toolkit.Components.Datasets;

/// <summary>The training split and the held-out split a probe is scored on (named "test" or "val").</summary>
public sealed record LabeledSplits(ILabeledImages Train, ILabeledImages Test, string TestSplit = "test")
{
    /// <summary>The dataset's name.</summary>
    public string Name => Train.Name;

    /// <summary>Classes of the training split.</summary>
    public int Classes => Train.Classes;

    /// <summary>The trunk's input side: <paramref name="requested"/> when positive, else the IDX image side (28), else 224.</summary>
    public int InputSide(int requested)
    {
        if (requested < 0) throw new ArgumentException($"--resolution must be positive, got {requested}");
        return requested > 0 ? requested : Train is LabeledGrayDataset gray ? gray.Images.Height : 224;
    }

    /// <summary>The IDX splits (train and t10k) as labelled images.</summary>
    public static LabeledSplits From(DatasetSplits idx) => new(idx.Train, idx.Test, "test");

    /// <summary>One listing split into "train" and "val" by <see cref="DatasetSplitter.Split"/> (class-stratified, seeded).</summary>
    public static LabeledSplits ByFraction(ILabeledImages all, double valFraction, long seed)
    {
        var labels = Enumerable.Range(0, all.Count).Select(all.Label).ToArray();
        var (train, val) = DatasetSplitter.Split(labels, all.Classes, valFraction, seed);
        return new LabeledSplits(all.Select(train), all.Select(val), "val");
    }
}
