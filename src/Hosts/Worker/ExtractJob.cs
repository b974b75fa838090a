using Microsoft.Extensions.Hosting;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Data;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Hosts.Worker;

/// <summary>
/// <c>seer-worker extract</c>: one rank of distributed feature extraction. Each rank extracts its shard of every split
/// (<see cref="ShardedFeatureExtraction"/>), the features are all-gathered, and rank 0 writes the folder that
/// <c>seer extract</c> writes in one process.
/// </summary>
public sealed class ExtractJob(IProcessGroup group, WorkerExitCode exit, IHostApplicationLifetime lifetime, IBackend backend,
    ExtractJobOptions options) : WorkerJob(group, exit, lifetime)
{
    /// <inheritdoc />
    protected override int Run(TextWriter output, CancellationToken cancel)
    {
        var log = Group.Rank == 0 ? output : TextWriter.Null;
        if (options.Batch < 1) throw new ArgumentException($"--batch must be at least 1, got {options.Batch}");
        backend.Threads = ThreadsPerRank();
        var layers = FeatureLayer.ParseList(options.Layers);
        int requested = options.Resolution;
        var splits = LabeledDatasets.Open(options.Dataset, new LabeledDatasetOptions
        {
            ValFraction = options.ValFraction,
            Seed = options.SplitSeed,
            Decode = new DecodeOptions { MinSide = EvalTransform.ResizeSide(requested > 0 ? requested : 224) },
        });
        int side = splits.InputSide(requested);
        var trunk = TrunkSource.Load(backend, options.Checkpoint, options.Seed, out var arch);
        foreach (var layer in layers) layer.ValidateFor(trunk);
        log.WriteLine($"{splits.Name}: {splits.Train.Count} train, {splits.Test.Count} {splits.TestSplit} images, {splits.Classes} classes; {arch} at {side} px; {Group.Size} ranks");
        var crops = new MultiCropOptions();
        FeatureDirectory.Export(trunk, backend, splits, layers, side, crops.Mean, crops.Std, options.Out, options.Checkpoint, arch, log, options.Batch, Group);
        log.WriteLine($"manifest → {Path.Combine(options.Out, FeatureManifest.FileName)}");
        log.Flush();
        return 0;
    }
}
