using System.Globalization;
using Microsoft.Extensions.Hosting;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Hosts.Worker;

/// <summary>
/// <c>seer-worker pretrain</c>: one rank of data-parallel SwAV pretraining (<see cref="SwAVPretrainer"/> over the world
/// group). Rank 0 prints the progress and writes the run folder; the other ranks print only errors.
/// </summary>
public sealed class PretrainJob(IProcessGroup group, WorkerExitCode exit, IHostApplicationLifetime lifetime, IBackend backend,
    PretrainJobOptions options) : WorkerJob(group, exit, lifetime)
{
    /// <inheritdoc />
    protected override int Run(TextWriter output, CancellationToken cancel)
    {
        var log = Group.Rank == 0 ? output : TextWriter.Null;
        var recipe = PretrainInputs.Recipe(options.Preset, options.Config, options.Sets, options.Steps);
        var images = PretrainInputs.Images(options.Data, recipe.Crops.Sizes.Max(), log);
        if (options.Deterministic) backend.ManualSeed(recipe.Seed);
        backend.Threads = ThreadsPerRank();
        var outDir = Path.GetFullPath(options.Out);
        var trainer = new SwAVPretrainer(backend, recipe, images, outDir, log, Group);
        var result = trainer.RunAsync(options.Resume, cancel).GetAwaiter().GetResult();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"done: {result.Steps} updates, last loss {result.LastLoss:F4}, {result.BadSteps} skipped, {result.Elapsed:hh\\:mm\\:ss}; checkpoint {result.Checkpoint}"));
        log.Flush();
        return 0;
    }
}
