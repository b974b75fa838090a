using System.Globalization;
using Seer.Toolkit.Tensors;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// Which trunk activation a probe reads, named as VISSL names RegNet features: <c>avgpool</c> (global average pool of
/// the last stage, the swav eval_linear feature), <c>conv1</c> (stem), <c>res2</c> … <c>res{S+1}</c> (stage 1 … S; torchvision's
/// <c>block1</c> … <c>blockS</c> are accepted too). A stage map is average-pooled to a G×G grid and flattened, as VISSL's
/// linear benchmarks pool res4/res5 to a small grid (default G = 2; <c>res5:3</c> asks for 3×3).
/// </summary>
/// <param name="Stage">-1 for avgpool, 0 for the stem, 1 … S for the stages.</param>
/// <param name="Grid">Side of the pooled grid for stage maps (unused for avgpool).</param>
public sealed record FeatureLayer(int Stage, int Grid)
{
    /// <summary>The swav/VISSL default: global-average-pooled last stage.</summary>
    public static FeatureLayer AveragePool { get; } = new(-1, 1);

    /// <summary>Default grid side for stage maps.</summary>
    public const int DefaultGrid = 2;

    /// <summary>Canonical name (VISSL style): avgpool, conv1, res2, …, with ":G" when the grid is not the default.</summary>
    public string Name => Stage switch
    {
        -1 => "avgpool",
        0 => "conv1" + GridSuffix,
        _ => $"res{Stage + 1}{GridSuffix}",
    };

    private string GridSuffix => Grid == DefaultGrid ? "" : ":" + Grid.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses one name; the message lists the accepted forms.</summary>
    public static FeatureLayer Parse(string text)
    {
        var (name, grid) = SplitGrid(text.Trim());
        var lower = name.ToLowerInvariant();
        if (lower == "avgpool")
            return grid is null ? AveragePool : throw new FormatException($"feature layer '{text}': avgpool takes no grid");
        int g = grid ?? DefaultGrid;
        if (lower == "conv1" || lower == "stem") return new FeatureLayer(0, g);
        if (lower.StartsWith("res", StringComparison.Ordinal) && int.TryParse(lower[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r >= 2)
            return new FeatureLayer(r - 1, g);
        if (lower.StartsWith("block", StringComparison.Ordinal) && int.TryParse(lower[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b >= 1)
            return new FeatureLayer(b, g);
        throw new FormatException($"unknown feature layer '{text}'; use avgpool, conv1, res2 … res5 (or block1 … block4), optionally with ':G' for a G×G pooled grid");
    }

    /// <summary>Parses a comma-separated list, refusing duplicates.</summary>
    public static IReadOnlyList<FeatureLayer> ParseList(string text)
    {
        var layers = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
        if (layers.Count == 0) throw new FormatException("no feature layer given");
        var dup = layers.GroupBy(l => l).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new FormatException($"feature layer {dup.Key.Name} is listed twice");
        return layers;
    }

    /// <summary>Checks the layer exists in <paramref name="trunk"/>; the message names the trunk's layers.</summary>
    public FeatureLayer ValidateFor(RegNetModel trunk)
    {
        if (Stage > trunk.StageCount)
            throw new ArgumentException($"feature layer {Name}: the trunk has {trunk.StageCount} stages (conv1, res2 … res{trunk.StageCount + 1}, avgpool)");
        return this;
    }

    /// <summary>Feature width: w_last for avgpool, else channels × G².</summary>
    public int Dim(RegNetModel trunk) => Stage < 0 ? trunk.FeatureWidth : trunk.StageWidth(Stage) * Grid * Grid;

    /// <summary>This layer's features [N, Dim] from the stage outputs of <see cref="RegNetModel.ForwardStages"/>.</summary>
    public Tensor Select(IReadOnlyList<Tensor> stages)
    {
        var map = stages[Stage < 0 ? stages.Count - 1 : Stage];           // [N, C, h, w]
        var pooled = Stage < 0
            ? map.Backend.GlobalAveragePool2d(map)                         // [N, C, 1, 1]
            : map.Backend.AdaptiveAveragePool2d(map, Grid, Grid);          // [N, C, G, G]
        return pooled.Flatten(1);                                          // [N, C·G²], channel-major
    }

    private static (string Name, int? Grid) SplitGrid(string text)
    {
        int colon = text.IndexOf(':');
        if (colon < 0) return (text, null);
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var g) || g < 1 || g > 16)
            throw new FormatException($"feature layer '{text}': the grid after ':' must be an integer 1 … 16");
        return (text[..colon], g);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
