namespace Seer.Toolkit.Hosts.Worker;

/// <summary>Settings of <c>seer-worker pretrain</c>: the options of <c>seer pretrain</c>.</summary>
/// <param name="Preset">Recipe name.</param>
/// <param name="Config">JSON settings file, or null.</param>
/// <param name="Sets">key=value overrides, in order.</param>
/// <param name="Steps">Number of updates, or null for the recipe's.</param>
/// <param name="Data">Dataset name or path of the unlabeled images.</param>
/// <param name="Out">Run folder (shared by all ranks; only rank 0 writes).</param>
/// <param name="Deterministic">Fixed seeds and a fixed thread count per rank.</param>
/// <param name="Resume">Continue from the latest checkpoint in <paramref name="Out"/>.</param>
public sealed record PretrainJobOptions(string Preset, string? Config, string[] Sets, long? Steps, string Data, string Out,
    bool Deterministic, bool Resume);
