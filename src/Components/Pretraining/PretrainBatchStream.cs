using System.Threading.Channels;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Data;

namespace Seer.Toolkit.Components.Pretraining;

/// <summary>One step's input: the crop groups of <c>BatchSize</c> images and where in the stream it came from.</summary>
public sealed record PretrainBatch(long Epoch, long Index, IReadOnlyList<CropGroupBatch> Groups, int Skipped);

/// <summary>
/// Endless epochs over an image collection: each epoch is a permutation drawn from (seed, epoch); batches are
/// consecutive slices of it (the last partial batch is dropped); crops are computed on worker threads and batches are
/// prefetched through a bounded channel. Everything is a pure function of (seed, epoch, batch index), so a run resumed at
/// (epoch, index) sees exactly the batches an uninterrupted run would. With several ranks, <paramref name="batchSize"/> is
/// the per-rank batch b and global batch i is positions [i·b·W, (i + 1)·b·W) of the permutation; rank r takes the
/// contiguous slice [i·b·W + r·b, i·b·W + (r + 1)·b), so W ranks see exactly the images (and, as crops are drawn per image,
/// the crops) that one rank with batch b·W sees.
/// </summary>
public sealed class PretrainBatchStream(IImageCollection images, MultiCropTransform transform, int batchSize, long seed,
    int workers = 2, int prefetch = 2, int rank = 0, int worldSize = 1)
{
    /// <summary>Full batches per epoch for this rank.</summary>
    public long BatchesPerEpoch => images.Count / worldSize / batchSize;

    /// <summary>The permutation of epoch <paramref name="epoch"/> (the same one the file-source schedule uses).</summary>
    public int[] Order(long epoch) => ItemSchedule.Permutation(images.Count, seed, checked((int)epoch));

    /// <summary>Batches from (<paramref name="epoch"/>, <paramref name="index"/>) on, until cancelled.</summary>
    public async IAsyncEnumerable<PretrainBatch> ReadAsync(long epoch, long index,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancel = default)
    {
        if (BatchesPerEpoch == 0)
            throw new InvalidOperationException($"{images.Count} images cannot fill one batch of {batchSize} on {worldSize} rank(s)");
        var channel = Channel.CreateBounded<PretrainBatch>(new BoundedChannelOptions(Math.Max(1, prefetch)) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var producer = Task.Run(async () =>
        {
            try
            {
                for (long e = epoch, i = index; !stop.IsCancellationRequested; e++, i = 0)
                {
                    var order = Order(e);
                    for (; i < BatchesPerEpoch && !stop.IsCancellationRequested; i++)
                        await channel.Writer.WriteAsync(Build(order, e, i), stop.Token).ConfigureAwait(false);
                }
                channel.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                channel.Writer.TryComplete(ex is OperationCanceledException ? null : ex);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(cancel).ConfigureAwait(false)) yield return batch;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    /// <summary>Builds batch <paramref name="index"/> of epoch <paramref name="epoch"/> (this rank's contiguous slice of the global batch).</summary>
    public PretrainBatch Build(int[] order, long epoch, long index)
    {
        var crops = new IReadOnlyList<Crop>[batchSize];
        int skipped = 0;
        Parallel.For(0, batchSize, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, b =>
        {
            long position = (index * worldSize + rank) * batchSize + b;
            int sample = order[position];
            var img = images.Load(sample);
            if (img is null)
            {
                // an unusable image is replaced by the next one in the permutation, deterministically
                Interlocked.Increment(ref skipped);
                img = images.Load(order[(position + 1) % order.Length]) ?? throw new InvalidDataException($"images {sample} and its successor cannot be used");
            }
            crops[b] = transform.Apply(img, seed, epoch, sample);
        });
        return new PretrainBatch(epoch, index, MultiCropBatch.Collate(crops, transform.Options), skipped);
    }
}
