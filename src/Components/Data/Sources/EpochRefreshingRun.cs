using System.Globalization;
using Seer.Toolkit.Components.Pretraining;

namespace Seer.Toolkit.Data;

/// <summary>
/// Runs a <see cref="SwAVPretrainer"/> epoch by epoch over a <see cref="RefreshableImageCollection"/> (the paper swaps its
/// data while training): before each epoch the source is re-listed, the listing is recorded as
/// OUT/listings/epoch-NNNNNNNN.txt, and the trainer runs to the epoch's last batch and checkpoints there. Resuming into an
/// epoch that had already begun reuses its recorded listing, so a resumed run sees exactly the batches it would have.
/// </summary>
public static class EpochRefreshingRun
{
    /// <summary>
    /// Trains to <see cref="PretrainOptions.Steps"/> updates (or to <paramref name="stopAfter"/>, checkpointing there);
    /// <paramref name="resume"/> continues from the latest checkpoint.
    /// </summary>
    public static async Task<PretrainResult> RunAsync(SwAVPretrainer trainer, PretrainOptions options, RefreshableImageCollection images,
        string outDir, bool resume, TextWriter log, CancellationToken cancel = default, long? stopAfter = null)
    {
        var listings = Path.Combine(outDir, "listings");
        Directory.CreateDirectory(listings);
        long step = 0, epoch = 0, index = 0;
        if (resume && trainer.Checkpoints.Latest is { } latest)
        {
            var position = PretrainCheckpoint.ReadPosition(latest);
            (step, epoch, index) = (position.Step, position.Epoch, position.BatchIndex);
        }
        else if (!resume)
        {
            foreach (var stale in Directory.GetFiles(listings, "epoch-*.txt")) File.Delete(stale);
        }
        long end = Math.Min(options.Steps, stopAfter ?? long.MaxValue);
        if (step >= end) return await trainer.RunAsync(resume, cancel, end).ConfigureAwait(false);   // nothing left to do
        var elapsed = TimeSpan.Zero;
        while (true)
        {
            var file = Path.Combine(listings, string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D8}.txt"));
            bool recorded = File.Exists(file);
            var change = recorded ? images.Restore(file) : images.Refresh();
            if (!recorded) images.Save(file);
            foreach (var problem in change.Problems) log.WriteLine($"warning: listing: {problem}");
            log.WriteLine(recorded
                ? string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: {change.Count} files (recorded listing {file})")
                : string.Create(CultureInfo.InvariantCulture, $"epoch {epoch}: {change.Count} files (+{change.Added} new, -{change.Removed} removed)"));
            long perEpoch = images.Count / options.BatchSize;
            if (perEpoch == 0) throw new InvalidDataException($"epoch {epoch}: {images.Count} files cannot fill one batch of {options.BatchSize}");
            if (index >= perEpoch) throw new InvalidDataException($"checkpoint position batch {index} of epoch {epoch} is past the epoch's {perEpoch} batches");
            long stop = Math.Min(end, step + perEpoch - index);
            var result = await trainer.RunAsync(resume, cancel, stop).ConfigureAwait(false);
            elapsed += result.Elapsed;
            if (result.Steps >= end || result.Steps < stop) return result with { Elapsed = elapsed };
            (step, epoch, index, resume) = (result.Steps, epoch + 1, 0, true);   // later epochs continue from the boundary checkpoint
        }
    }
}
