using System.Diagnostics;
using Seer.Toolkit.Data;
using SkiaSharp;

namespace Seer.Toolkit.Tests.Data;

/// <summary>Parallel decoding hands results back in input order, bounded by the prefetch depth, counting failures.</summary>
public class ImageStreamTests
{
    private static List<MemoryImageItem> MixedItems(int count, int delayMs = 0)
    {
        var png = SkiaEncode.Rgb(6, 4, TestPatterns.Quadrant, SKEncodedImageFormat.Png);
        var jpeg = SkiaEncode.Jpeg(20, 10, TestPatterns.Scene);
        return Enumerable.Range(0, count).Select(i => new MemoryImageItem($"item-{i}", (i % 5) switch
        {
            0 => png,
            1 => jpeg,
            2 => [],
            3 => "text"u8.ToArray(),
            _ => jpeg[..(jpeg.Length / 2)],
        }, delayMs: (i * 7) % 4 == 0 ? delayMs : 0)).ToList();
    }

    [Fact]
    public void Results_come_back_in_input_order_with_counts_by_reason()
    {
        var items = MixedItems(53, delayMs: 3);
        var stream = new ImageStream(new ImageDecoder(), new ImageStreamOptions { Threads = 4, Prefetch = 3 });
        var results = stream.DecodeAll(items).ToList();
        Assert.Equal(Enumerable.Range(0, 53).Select(i => (long)i), results.Select(r => r.Sequence));
        Assert.Equal(items.Select(i => i.Id), results.Select(r => r.Item.Id));
        Assert.All(results.Where(r => r.Item.Id.EndsWith('0') || r.Item.Id.EndsWith('5')), r => Assert.True(r.Result.IsOk));
        var counts = stream.Counts;
        Assert.Equal(22, counts.Ok);                                   // i % 5 in {0, 1}
        Assert.Equal(31, counts.Skipped);
        Assert.Equal(11, counts.Reasons[DecodeStatus.Empty]);
        Assert.Equal(10, counts.Reasons[DecodeStatus.NotAnImage]);
        Assert.Equal(10, counts.Reasons[DecodeStatus.Truncated] + counts.Reasons[DecodeStatus.Corrupt]);
        Assert.Equal(0, counts.Reasons[DecodeStatus.IoError]);
        Assert.Equal(DecodeStatusNames.Reasons, counts.Reasons.Keys.OrderBy(k => k));
    }

    [Fact]
    public void Images_skips_failures_and_the_order_is_the_same_every_run()
    {
        var source = MixedItems(40);
        var schedule = new ItemSchedule(new ListSource(source), new ScheduleOptions { Seed = 9 });
        string[] Run(int threads) =>
            new ImageStream(new ImageDecoder(), new ImageStreamOptions { Threads = threads })
                .Images(schedule.Enumerate().Select(s => s.Item)).Select(d => d.Item.Id).ToArray();
        var first = Run(3);
        Assert.Equal(16, first.Length);
        Assert.Equal(first, Run(1));
        Assert.Equal(first, Run(4));
    }

    [Fact]
    public void Decoding_runs_at_most_prefetch_items_ahead_of_the_consumer()
    {
        var items = MixedItems(40);
        var stream = new ImageStream(new ImageDecoder(), new ImageStreamOptions { Threads = 3, Prefetch = 4 });
        using var e = stream.DecodeAll(items).GetEnumerator();
        Assert.True(e.MoveNext());
        Thread.Sleep(300);                                           // the consumer stalls holding item 0
        var read = items.Count(i => i.Reads > 0);
        Assert.InRange(read, 2, 1 + 4);
    }

    [Fact]
    public void Stopping_early_returns_promptly_and_leaves_no_worker_behind()
    {
        var items = MixedItems(200, delayMs: 20);
        var stream = new ImageStream(new ImageDecoder(), new ImageStreamOptions { Threads = 2, Prefetch = 2 });
        var watch = Stopwatch.StartNew();
        Assert.Equal(3, stream.DecodeAll(items).Take(3).Count());
        Assert.True(watch.ElapsedMilliseconds < 5000);
        var readAfterStop = items.Sum(i => i.Reads);
        Thread.Sleep(200);
        Assert.Equal(readAfterStop, items.Sum(i => i.Reads));
    }

    [Fact]
    public void A_failing_item_enumeration_surfaces_to_the_consumer()
    {
        static IEnumerable<ImageItem> Broken()
        {
            yield return new MemoryImageItem("a", []);
            throw new InvalidDataException("listing broke");
        }
        var stream = new ImageStream(new ImageDecoder(), new ImageStreamOptions { Threads = 2 });
        Assert.Throws<InvalidDataException>(() => stream.DecodeAll(Broken()).ToList());
    }

    private sealed class ListSource(IReadOnlyList<ImageItem> items) : IImageSource
    {
        public string Description => "list";
        public IReadOnlyList<ImageItem> Items => items;
        public IReadOnlyList<string> ListingProblems => [];
        public void Refresh() { }
    }
}
