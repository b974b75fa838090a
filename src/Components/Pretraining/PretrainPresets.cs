using Seer.Toolkit.Components.Augmentation;

namespace Seer.Toolkit.Components.Pretraining;

/// <summary>Named recipes: CPU scales for demos and tests, and the published SEER recipes.</summary>
public static class PretrainPresets
{
    /// <summary>All presets by name.</summary>
    public static IReadOnlyDictionary<string, PretrainOptions> All { get; } = new Dictionary<string, PretrainOptions>(StringComparer.OrdinalIgnoreCase)
    {
        // Demo scale: regnety_mini_x4 (widths 24, 96, 384; group width 24) on 28×28 Fashion-MNIST, two 28-px views,
        // batch 256, 5,600 updates ≈ 23.9 epochs: under 30 minutes on 2 idle cores (README "Status" has the measurements).
        ["tiny"] = new PretrainOptions { Arch = "regnety_mini_x4", BatchSize = 256, Steps = 5600 },
        // Test scale: widths ≤ 32, 16/8-pixel crops, batch 4.
        ["micro"] = new PretrainOptions
        {
            Arch = "regnety_micro", BatchSize = 4, Steps = 20, HeadDims = [32, 16], Prototypes = 10, QueueLength = 0,
            Crops = new MultiCropOptions { Sizes = [16, 8], Counts = [2, 2], ScaleMin = [0.3, 0.1], ScaleMax = [1.0, 0.3] },
            FreezePrototypes = 2, WarmupSteps = 2, CheckpointEvery = 5, LogEvery = 1, Workers = 1,
        },
        // SEER RG-128GF (Goyal et al. 2021 §3): 2×224 + 4×96, 16k prototypes, head trunk 7392 → 8192 → 8192 → 256,
        // LARS, 0.15 → 9.6 over 8k updates at 16,384 images then cosine, weight decay 5e-5, ε 0.03; mixed precision and
        // activation checkpointing as the paper's runs (VISSL's default of 2 checkpointing splits, here per stage).
        ["seer_rg128gf"] = new PretrainOptions
        {
            Arch = "seer_rg128gf", BatchSize = 16384, Steps = 122_000, HeadDims = [8192, 8192, 256], HeadBatchNorm = false,
            Prototypes = 16000, Epsilon = 0.03, Crops = new MultiCropOptions(), FreezePrototypes = 5000, QueueLength = 0,
            BaseLr = 0.15, StartLr = 0.15, FinalLrFraction = 0.001, WarmupSteps = 8000, WeightDecay = 5e-5,
            CheckpointEvery = 1000, LogEvery = 50, Workers = 8,
            Precision = PrecisionNames.Bf16, ActivationCheckpointing = 2,
        },
        ["seer_rg256gf"] = new PretrainOptions
        {
            Arch = "seer_rg256gf", BatchSize = 16384, Steps = 122_000, HeadDims = [10444, 10444, 256], HeadBatchNorm = false,
            Prototypes = 16000, Epsilon = 0.03, Crops = new MultiCropOptions(), FreezePrototypes = 5000, QueueLength = 0,
            BaseLr = 0.15, StartLr = 0.15, FinalLrFraction = 0.001, WarmupSteps = 8000, WeightDecay = 5e-5,
            CheckpointEvery = 1000, LogEvery = 50, Workers = 8,
            Precision = PrecisionNames.Bf16, ActivationCheckpointing = 2,
        },
    };

    /// <summary>Looks a preset up; unknown names list the known ones.</summary>
    public static PretrainOptions Get(string name) =>
        All.TryGetValue(name, out var o) ? o : throw new KeyNotFoundException($"unknown pretraining preset '{name}'; known: {string.Join(", ", All.Keys)}");
}
