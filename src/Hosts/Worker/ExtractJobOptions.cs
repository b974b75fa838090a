namespace Seer.Toolkit.Hosts.Worker;

/// <summary>Settings of <c>seer-worker extract</c>: the options of <c>seer extract</c>.</summary>
/// <param name="Checkpoint">trunk.safetensors, a checkpoint or run folder, or random:ARCH.</param>
/// <param name="Dataset">Dataset name or path (as <c>seer extract --dataset</c>).</param>
/// <param name="Layers">Comma-separated feature layers.</param>
/// <param name="Out">Feature folder (shared by all ranks; only rank 0 writes).</param>
/// <param name="Resolution">Input side, 0 for the dataset's default.</param>
/// <param name="ValFraction">Share of each class held out when the data has no split of its own.</param>
/// <param name="SplitSeed">Seed of that split.</param>
/// <param name="Seed">Seed of random:ARCH weights.</param>
/// <param name="Batch">Images per forward pass on each rank.</param>
public sealed record ExtractJobOptions(string Checkpoint, string Dataset, string Layers, string Out, int Resolution, double ValFraction,
    long SplitSeed, long Seed, int Batch);
