using Seer.Toolkit.Data;

namespace Seer.Toolkit.Tests.Data;

/// <summary>Folder and list sources, deterministic shuffling, rank sharding and re-listing.</summary>
public class SourceAndScheduleTests
{
    private sealed class FixedSource(int count) : IImageSource
    {
        public string Description => "fixed";
        public IReadOnlyList<ImageItem> Items { get; } = Enumerable.Range(0, count).Select(i => (ImageItem)new FileImageItem($"item-{i:D4}")).ToArray();
        public IReadOnlyList<string> ListingProblems => [];
        public void Refresh() { }
    }

    [Fact]
    public void Permutation_is_deterministic_per_seed_and_epoch_and_a_permutation()
    {
        var a = ItemSchedule.Permutation(1000, seed: 42, epoch: 0);
        Assert.Equal(a, ItemSchedule.Permutation(1000, 42, 0));
        Assert.Equal(Enumerable.Range(0, 1000), a.Order());
        Assert.NotEqual(a, ItemSchedule.Permutation(1000, 43, 0));
        Assert.NotEqual(a, ItemSchedule.Permutation(1000, 42, 1));
        Assert.NotEqual(Enumerable.Range(0, 1000), a);
        Assert.Empty(ItemSchedule.Permutation(0, 1, 0));
        Assert.Equal([0], ItemSchedule.Permutation(1, 1, 0));
    }

    [Fact]
    public void Permutation_is_pinned_across_runtimes()
    {
        // SplitMix64 + Fisher–Yates: a fixed sequence, so runs on any machine see the same order.
        Assert.Equal(0xE220A8397B1DCDAFUL, new SplitMix64(0).Next());                 // the published SplitMix64 test vector
        Assert.Equal([1, 2, 5, 7, 0, 8, 4, 3, 9, 6], ItemSchedule.Permutation(10, seed: 0, epoch: 0));
        Assert.Equal([2, 5, 7, 3, 6, 8, 0, 1, 4, 9], ItemSchedule.Permutation(10, seed: 0, epoch: 1));
        Assert.Equal([6, 4, 7, 2, 9, 1, 5, 0, 8, 3], ItemSchedule.Permutation(10, seed: 1, epoch: 0));
    }

    [Theory]
    [InlineData(100, 3)]
    [InlineData(7, 4)]
    [InlineData(5, 8)]
    public void Shards_are_disjoint_and_cover_the_epoch(int count, int worldSize)
    {
        var source = new FixedSource(count);
        var shards = Enumerable.Range(0, worldSize)
            .Select(rank => new ItemSchedule(source, new ScheduleOptions { Seed = 5, Rank = rank, WorldSize = worldSize }).Epoch(0))
            .ToList();
        var all = shards.SelectMany(s => s.Select(i => i.Item.Id)).ToList();
        Assert.Equal(count, all.Count);
        Assert.Equal(count, all.Distinct().Count());
        var order = ItemSchedule.Permutation(count, 5, 0);
        for (var rank = 0; rank < worldSize; rank++)
            Assert.All(shards[rank], s =>
            {
                Assert.Equal(rank, s.Position % worldSize);
                Assert.Equal(source.Items[order[s.Position]], s.Item);
            });
    }

    [Fact]
    public void Epochs_reshuffle_and_endless_keeps_going()
    {
        var source = new FixedSource(10);
        var schedule = new ItemSchedule(source, new ScheduleOptions { Seed = 1, Epochs = null });
        var taken = schedule.Enumerate().Take(35).ToList();
        Assert.Equal([0, 1, 2, 3], taken.Select(t => t.Epoch).Distinct());
        Assert.Equal(10, taken.Where(t => t.Epoch == 0).Select(t => t.Item.Id).Distinct().Count());
        Assert.NotEqual(taken.Take(10).Select(t => t.Item.Id), taken.Skip(10).Take(10).Select(t => t.Item.Id));
        Assert.Equal(20, new ItemSchedule(source, new ScheduleOptions { Epochs = 2 }).Enumerate().Count());
        Assert.Equal(source.Items, new ItemSchedule(source, new ScheduleOptions { Shuffle = false }).Enumerate().Select(s => s.Item));
    }

    [Fact]
    public void Folder_source_lists_recursively_by_content_not_extension_and_refresh_adds_new_files()
    {
        using var folder = new TempFolder();
        folder.Write("b/deep/x.dat", [1]);
        folder.Write("a.jpg", [2]);
        folder.Write("c", [3]);
        folder.Write(".hidden.png", [4]);
        var source = new FolderImageSource(folder.Path);
        Assert.Equal(["a.jpg", "b/deep/x.dat", "c"], source.Items.Select(i => Path.GetRelativePath(folder.Path, i.Id)));

        var schedule = new ItemSchedule(source, new ScheduleOptions { Seed = 3, Epochs = 2, RefreshEachEpoch = true });
        var seen = new List<ScheduledItem>();
        foreach (var item in schedule.Enumerate())
        {
            if (seen.Count == 0) folder.Write("new/late.png", [5]);              // appears during epoch 0
            seen.Add(item);
        }
        Assert.Equal(3, seen.Count(s => s.Epoch == 0));
        Assert.Equal(4, seen.Count(s => s.Epoch == 1));
        Assert.Contains(seen, s => s.Epoch == 1 && s.Item.Id.EndsWith("late.png", StringComparison.Ordinal));

        folder.Write("later.png", [6]);
        Assert.Equal(4, source.Items.Count);
        source.Refresh();
        Assert.Equal(5, source.Items.Count);
    }

    [Fact]
    public void File_list_paths_are_relative_to_the_list_and_comments_are_skipped()
    {
        using var folder = new TempFolder();
        folder.Write("imgs/one.png", [1]);
        var list = folder.Write("lists/train.txt", System.Text.Encoding.UTF8.GetBytes("# images\n../imgs/one.png\n\n  /abs/two.png \r\n"));
        var source = ImageSources.Open(list);
        Assert.IsType<FileListImageSource>(source);
        Assert.Equal([Path.Combine(folder.Path, "lists", "../imgs/one.png"), "/abs/two.png"], source.Items.Select(i => i.Id));
        Assert.Equal([1], source.Items[0].ReadAllBytes());
        Assert.ThrowsAny<IOException>(() => source.Items[1].ReadAllBytes());
    }

    [Fact]
    public void Open_rejects_unknown_paths()
    {
        Assert.Throws<FileNotFoundException>(() => ImageSources.Open("/nonexistent/seer/images"));
        using var folder = new TempFolder();
        Assert.Throws<ArgumentException>(() => ImageSources.Open(folder.Write("x.zip", [1])));
    }
}
