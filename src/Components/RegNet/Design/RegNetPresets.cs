namespace Seer.Toolkit.Components.RegNet.Design;

/// <summary>A named architecture preset with where its numbers come from.</summary>
public sealed record RegNetPreset(string Name, RegNetParams Params, string Source);

/// <summary>
/// Named presets: torchvision's RegNetY models (torchvision/models/regnet.py), VISSL's SEER trunks
/// (configs/config/.../models/regnet*.yaml: ClassyVision width rounding), and small presets for CPU work.
/// </summary>
public static class RegNetPresets
{
    private const string TorchVision = "torchvision regnet.py";
    private const string Vissl = "VISSL SEER config";
    private const string Toolkit = "Seer.Toolkit CPU preset";

    /// <summary>All presets, in listing order.</summary>
    public static IReadOnlyList<RegNetPreset> All { get; } =
    [
        new("regnety_400mf", new(16, 48, 27.89, 2.09, 8), TorchVision),
        new("regnety_800mf", new(14, 56, 38.84, 2.4, 16), TorchVision),
        new("regnety_1_6gf", new(27, 48, 20.71, 2.65, 24), TorchVision),
        new("regnety_3_2gf", new(21, 80, 42.63, 2.66, 24), TorchVision),
        new("regnety_8gf", new(17, 192, 76.82, 2.19, 56), TorchVision),
        new("regnety_16gf", new(18, 200, 106.23, 2.48, 112), TorchVision),
        new("regnety_32gf", new(20, 232, 115.89, 2.53, 232), TorchVision),
        new("regnety_128gf", new(27, 456, 160.83, 2.52, 264), TorchVision),
        new("seer_rg32gf", new(20, 232, 115.89, 2.53, 232, Rounding: WidthRounding.ClassyVision), Vissl),
        new("seer_rg64gf", new(20, 352, 147.48, 2.4, 328, Rounding: WidthRounding.ClassyVision), Vissl),
        new("seer_rg128gf", new(27, 456, 160.83, 2.52, 264, Rounding: WidthRounding.ClassyVision), Vissl),
        new("seer_rg256gf", new(27, 640, 230.83, 2.53, 373, Rounding: WidthRounding.ClassyVision), Vissl),
        new("seer_rg10b", new(27, 1744, 620.83, 2.52, 1010, Rounding: WidthRounding.ClassyVision), Vissl),
        // CPU presets: same design space, small enough for 2 cores. "micro" keeps every width <= 32.
        new("regnety_small", new(8, 32, 24.0, 2.0, 16, StemWidth: 24), Toolkit),
        new("regnety_mini", new(6, 24, 36.0, 2.5, 24, StemWidth: 24), Toolkit),
        new("regnety_mini_wide", new(6, 24, 36.0, 3.0, 24, StemWidth: 24), Toolkit),   // widths 24/72/216, depths 1/2/3
        new("regnety_mini_x4", new(6, 24, 48.0, 4.0, 24, StemWidth: 24), Toolkit),     // widths 24/96/384, depths 1/3/2
        new("regnety_tiny", new(6, 16, 12.0, 2.0, 8, StemWidth: 16), Toolkit),
        new("regnety_micro", new(4, 8, 8.0, 2.0, 8, StemWidth: 8), Toolkit),
    ];

    /// <summary>Preset names.</summary>
    public static IEnumerable<string> Names => All.Select(p => p.Name);

    /// <summary>Looks a preset up by name (case-insensitive); unknown names list the known ones.</summary>
    public static RegNetPreset Get(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"unknown architecture '{name}'; known: {string.Join(", ", Names)}");
}
