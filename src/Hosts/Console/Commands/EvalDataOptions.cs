using System.CommandLine;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Data;

namespace Seer.Toolkit.Hosts.Console.Commands;

/// <summary>The data options of <c>seer eval</c> and <c>seer extract</c>: dataset, held-out fraction, subsets, stored features.</summary>
internal sealed class EvalDataOptions
{
    public Option<string> Dataset { get; } = new("--dataset") { Description = "fashion-mnist, mnist, a folder of IDX files, an ImageFolder root, or a .csv/.txt list of path,label lines" };
    public Option<double> ValFraction { get; } = new("--val-fraction")
    {
        Description = "share of each class held out for validation when the data has no split of its own (ImageFolder without train/, a list)",
        DefaultValueFactory = _ => new LabeledDatasetOptions().ValFraction,
    };
    public Option<long> SplitSeed { get; } = new("--split-seed") { Description = "seed of that train/val split (kept apart from --seed so every probe seed scores the same images)", DefaultValueFactory = _ => 0 };
    public Option<int> Resolution { get; } = new("--resolution") { Description = "input side for the trunk (default: 28 for IDX datasets, 224 for image files)" };
    public Option<double?> Fraction { get; } = new("--fraction") { Description = "train on a class-balanced fraction of the training split (0.01, 0.1 as swav's 1 %/10 %)" };
    public Option<int?> PerClass { get; } = new("--per-class") { Description = "train on N images per class of the training split" };
    public Option<string> Subset { get; } = new("--subset") { Description = "train on the subset saved in FILE by --subset-out" };
    public Option<string> SubsetOut { get; } = new("--subset-out") { Description = "save the chosen subset (dataset, seed, fraction, then one key per line) to FILE" };
    public Option<string> Features { get; } = new("--features") { Description = "read features written by `seer extract --out DIR` instead of --checkpoint and --dataset" };

    /// <summary>The options of <c>seer eval</c>.</summary>
    public IEnumerable<Option> ForEval => [Dataset, ValFraction, SplitSeed, Resolution, Fraction, PerClass, Subset, SubsetOut, Features];

    /// <summary>The subset the command line asks for.</summary>
    public SubsetRequest SubsetOf(ParseResult r, long seed) => new(r.GetValue(Fraction), r.GetValue(PerClass), r.GetValue(Subset), r.GetValue(SubsetOut), seed);

    /// <summary>Opens the dataset (JPEGs decoded at the smallest DCT scale that still covers the evaluation resize).</summary>
    public LabeledSplits Open(ParseResult r)
    {
        var name = r.GetValue(Dataset) ?? throw new ArgumentException("--dataset is required (or --features DIR)");
        int side = r.GetValue(Resolution) > 0 ? r.GetValue(Resolution) : 224;
        return LabeledDatasets.Open(name, new LabeledDatasetOptions
        {
            ValFraction = r.GetValue(ValFraction),
            Seed = r.GetValue(SplitSeed),
            Decode = new DecodeOptions { MinSide = EvalTransform.ResizeSide(side) },
        });
    }

    /// <summary>The input side: --resolution, else the IDX image side (28), else 224.</summary>
    public int SideFor(ParseResult r, LabeledSplits data) => data.InputSide(r.GetValue(Resolution));
}
