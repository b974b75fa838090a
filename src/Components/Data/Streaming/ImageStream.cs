using System.Threading.Channels;

namespace Seer.Toolkit.Data;

/// <summary>
/// Decodes items on worker threads and hands them back in input order. At most <c>Prefetch</c> items are in flight
/// (a bounded channel of ordered slots), so memory is bounded whatever the consumer's speed. Failures are counted by
/// reason in <see cref="Counts"/>.
/// </summary>
public sealed class ImageStream
{
    private readonly ImageDecoder _decoder;
    private readonly DecodeCounters _counters = new();
    private readonly int _threads;
    private readonly int _prefetch;

    /// <summary>A stream decoding with <paramref name="decoder"/>.</summary>
    public ImageStream(ImageDecoder decoder, ImageStreamOptions? options = null)
    {
        options ??= new ImageStreamOptions();
        if (options.Threads < 1) throw new ArgumentOutOfRangeException(nameof(options), $"Threads must be >= 1 (got {options.Threads})");
        if (options.Prefetch < 0) throw new ArgumentOutOfRangeException(nameof(options), $"Prefetch must be >= 0 (got {options.Prefetch})");
        _decoder = decoder;
        _threads = options.Threads;
        _prefetch = options.Prefetch == 0 ? 2 * options.Threads : options.Prefetch;
    }

    /// <summary>Outcomes so far, over every enumeration of this stream.</summary>
    public DecodeCounts Counts => _counters.Snapshot();

    /// <summary>Every item's outcome, decoded or skipped, in the order of <paramref name="items"/>.</summary>
    public IEnumerable<DecodedItem> DecodeAll(IEnumerable<ImageItem> items, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ordered = Channel.CreateBounded<Slot>(new BoundedChannelOptions(_prefetch) { SingleReader = true, SingleWriter = true });
        var work = Channel.CreateUnbounded<Slot>(new UnboundedChannelOptions { SingleWriter = true });
        var producer = Task.Factory.StartNew(() => Produce(items, ordered.Writer, work.Writer, cts.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var workers = Enumerable.Range(0, _threads)
            .Select(_ => Task.Factory.StartNew(() => Work(work.Reader, cts.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        try
        {
            while (ordered.Reader.WaitToReadAsync(cts.Token).AsTask().GetAwaiter().GetResult())
                while (ordered.Reader.TryRead(out var slot))
                {
                    slot.Done.Task.Wait(cts.Token);
                    yield return slot.Done.Task.Result;
                }
        }
        finally
        {
            cts.Cancel();
            work.Writer.TryComplete();
            Task.WaitAll([producer, .. workers]);
        }
    }

    /// <summary>The decoded images only, in input order; skipped items are counted in <see cref="Counts"/>.</summary>
    public IEnumerable<DecodedItem> Images(IEnumerable<ImageItem> items, CancellationToken cancellationToken = default) =>
        DecodeAll(items, cancellationToken).Where(d => d.Result.IsOk);

    // Each item gets a slot in the ordered channel (blocking while Prefetch slots are outstanding), then goes to the workers.
    private static void Produce(IEnumerable<ImageItem> items, ChannelWriter<Slot> ordered, ChannelWriter<Slot> work, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            long sequence = 0;
            foreach (var item in items)
            {
                var slot = new Slot(sequence++, item);
                ordered.WriteAsync(slot, ct).AsTask().GetAwaiter().GetResult();
                work.TryWrite(slot);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            failure = e;                                       // e.g. the item enumeration itself failed: surface it to the consumer
        }
        work.TryComplete();
        ordered.TryComplete(failure);
    }

    private void Work(ChannelReader<Slot> work, CancellationToken ct)
    {
        try
        {
            while (work.WaitToReadAsync(ct).AsTask().GetAwaiter().GetResult())
                while (work.TryRead(out var slot))
                {
                    DecodeResult result;
                    try
                    {
                        result = _decoder.Decode(slot.Item);
                    }
                    catch (Exception e)
                    {
                        result = DecodeResult.Fail(DecodeStatus.Corrupt, ImageFormat.Unknown, $"{e.GetType().Name}: {e.Message}");
                    }
                    _counters.Add(result.Status);
                    slot.Done.TrySetResult(new DecodedItem(slot.Sequence, slot.Item, result));
                    if (ct.IsCancellationRequested) return;
                }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private sealed class Slot(long sequence, ImageItem item)
    {
        public long Sequence { get; } = sequence;
        public ImageItem Item { get; } = item;
        public TaskCompletionSource<DecodedItem> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
