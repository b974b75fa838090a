using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Components.RegNet.Design;
using Seer.Toolkit.Weights;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>The trunk an evaluation reads: a weight file, a checkpoint or run folder (architecture from its metadata), or random:ARCH.</summary>
public static class TrunkSource
{
    /// <summary>Builds the trunk on <paramref name="backend"/>; <paramref name="arch"/> is its RegNet preset name.</summary>
    public static RegNetModel Load(IBackend backend, string checkpoint, long seed, out string arch)
    {
        if (checkpoint.StartsWith("random:", StringComparison.Ordinal))
        {
            arch = ArchOf(checkpoint["random:".Length..]);
            return RegNetModel.FromPreset(arch, 0).Materialize(backend, seed);
        }
        var path = PretrainCheckpoint.ResolveTrunkFile(checkpoint);
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        using (var reader = SafetensorsReader.Open(path))
            arch = reader.Metadata.TryGetValue("arch", out var a) ? ArchOf(a)
                : throw new ArgumentException($"{path} has no 'arch' metadata; evaluate it with random:ARCH weights loaded by code instead");
        var trunk = RegNetModel.FromPreset(arch, 0).Materialize(backend, seed);
        ComponentCheckpoint.Load(trunk, path, new StateMatchOptions { AllowUnexpectedHead = true });
        return trunk;
    }

    /// <summary>A RegNet preset name, or a pretraining preset's trunk.</summary>
    private static string ArchOf(string name) =>
        RegNetPresets.Names.Contains(name, StringComparer.OrdinalIgnoreCase) ? name
        : PretrainPresets.All.TryGetValue(name, out var recipe) ? recipe.Arch
        : throw new KeyNotFoundException($"unknown architecture '{name}'; known: {string.Join(", ", RegNetPresets.Names.Concat(PretrainPresets.All.Keys))}");
}
