using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components.Pretraining;
using Seer.Toolkit.Data;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Tests.Data;

/// <summary>A source re-listed at epoch boundaries: additions used, removals dropped, both counted; deterministic given the listing.</summary>
public sealed class RefreshableSourceTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Images => Path.Combine(_temp.Path, "images");

    [Fact]
    public void Refresh_picks_up_added_files_and_drops_removed_ones_counting_both()
    {
        for (int i = 0; i < 4; i++) TestImageFiles.Write(Images, i);
        var images = new RefreshableImageCollection(new FolderImageSource(Images), new ImageDecoder());
        Assert.Equal(4, images.Count);

        for (int i = 4; i < 7; i++) TestImageFiles.Write(Images, i);
        File.Delete(Path.Combine(Images, "img-001.png"));
        Assert.Equal(4, images.Count);                                   // nothing changes until asked
        var change = images.Refresh();

        Assert.Equal(new ListingChange(6, 3, 1, []), change with { Problems = [] });
        Assert.Equal(["img-000.png", "img-002.png", "img-003.png", "img-004.png", "img-005.png", "img-006.png"], images.Items.Select(i => Path.GetFileName(i.Id)));
        Assert.NotNull(images.Load(5));                                  // a new file decodes at its listed index
        Assert.Empty(images.Skipped);
    }

    [Fact]
    public void A_saved_listing_replays_its_epoch_after_the_folder_changed()
    {
        for (int i = 0; i < 4; i++) TestImageFiles.Write(Images, i);
        var images = new RefreshableImageCollection(new FolderImageSource(Images), new ImageDecoder());
        var listing = Path.Combine(_temp.Path, "epoch.txt");
        images.Save(listing);
        var recorded = images.Items.Select(i => i.Id).ToList();

        TestImageFiles.Write(Images, 9);
        File.Delete(recorded[2]);
        var change = images.Restore(listing);

        Assert.Equal(recorded, images.Items.Select(i => i.Id));          // same ids, same order: same permutation
        Assert.Equal((4, 0, 0), (change.Count, change.Added, change.Removed));
        Assert.Null(images.Load(2));                                     // the deleted file is skipped and counted
        Assert.Equal(1, images.Skipped["io_error"]);
        Assert.NotNull(images.Load(3));
    }

    [Fact]
    public async Task Training_uses_files_added_between_epochs_and_stops_using_removed_ones()
    {
        for (int i = 0; i < 8; i++) TestImageFiles.Write(Images, i);
        var (log, source, outDir) = (new StringWriter(), (CountingSource?)null, Path.Combine(_temp.Path, "run"));
        var readsWhenRemoved = new Dictionary<string, int>();
        source = new CountingSource(Images, refresh =>
        {
            if (refresh == 2)                                            // before epoch 1: eight new files
                for (int i = 8; i < 16; i++) TestImageFiles.Write(Images, i);
            if (refresh == 3)                                            // before epoch 2: two files gone
                foreach (var name in new[] { "img-000.png", "img-009.png" })
                {
                    File.Delete(Path.Combine(Images, name));
                    readsWhenRemoved[name] = source!.Reads.GetValueOrDefault(name);
                }
        });
        var images = new RefreshableImageCollection(source, new ImageDecoder());
        var options = PretrainPresets.Get("micro") with { Steps = 2 + 4 + 3, CheckpointEvery = 100 };   // batch 4: 8, 16, 14 files

        var result = await EpochRefreshingRun.RunAsync(new SwAVPretrainer(new TorchBackend(), options, images, outDir, log), options, images, outDir, resume: false, log);

        Assert.Equal(9, result.Steps);
        var text = log.ToString();
        Assert.Contains("epoch 0: 8 files (+0 new, -0 removed)", text);
        Assert.Contains("epoch 1: 16 files (+8 new, -0 removed)", text);
        Assert.Contains("epoch 2: 14 files (+0 new, -2 removed)", text);
        Assert.All(Enumerable.Range(8, 8), i => Assert.True(source.Reads.GetValueOrDefault($"img-{i:D3}.png") > 0, $"img-{i:D3}.png was never read: {text}"));
        Assert.All(readsWhenRemoved, kv => Assert.Equal(kv.Value, source.Reads[kv.Key]));   // never read after removal
        Assert.Equal([8, 16, 14], Enumerable.Range(0, 3).Select(e => File.ReadAllLines(Path.Combine(outDir, "listings", $"epoch-{e:D8}.txt")).Length));
        Assert.Equal(["step-00000002", "step-00000006", "step-00000009"],
            Directory.GetDirectories(Path.Combine(outDir, "checkpoints")).Select(Path.GetFileName).Order(StringComparer.Ordinal));   // one per epoch boundary
    }

    [Fact]
    public async Task Over_an_unchanged_folder_epoch_by_epoch_training_equals_a_plain_run()
    {
        for (int i = 0; i < 8; i++) TestImageFiles.Write(Images, i);
        var options = PretrainPresets.Get("micro") with { Steps = 5, CheckpointEvery = 100 };      // two epochs of 2 batches, then one more
        var refreshedDir = Path.Combine(_temp.Path, "refreshed");
        var live = RefreshableImageCollection.Open(Images, options.Crops.Sizes.Max());
        var refreshed = await EpochRefreshingRun.RunAsync(new SwAVPretrainer(new TorchBackend(), options, live, refreshedDir, TextWriter.Null), options, live, refreshedDir, false, TextWriter.Null);
        var plain = await new SwAVPretrainer(new TorchBackend(), options, DecodedImageCollection.Open(Images, options.Crops.Sizes.Max()), Path.Combine(_temp.Path, "plain"), TextWriter.Null).RunAsync(false);

        Assert.Equal(plain.Steps, refreshed.Steps);
        foreach (var file in new[] { "trunk.safetensors", "head.safetensors", "optimizer.safetensors" })
        {
            var diff = CheckpointDiff.Compare(Path.Combine(plain.Checkpoint!, file), Path.Combine(refreshed.Checkpoint!, file));
            Assert.True(diff.KeysCompared > 0, file);
            Assert.True(diff.MaxAbs == 0, $"{file}: {diff.MaxAbs} at {diff.MaxAbsKey}");
        }
    }

    [Fact]
    public async Task A_run_resumed_inside_an_epoch_replays_its_recorded_listing_and_ends_identical()
    {
        var options = PretrainPresets.Get("micro") with { Steps = 6, CheckpointEvery = 100 };    // epochs of 8, 8, then 12 files
        (RefreshableImageCollection Images, string Out, string Folder) Setup(string name, Action<string, int> beforeRefresh)
        {
            var folder = Path.Combine(_temp.Path, name, "images");
            for (int i = 0; i < 8; i++) TestImageFiles.Write(folder, i);
            return (new RefreshableImageCollection(new CountingSource(folder, n => beforeRefresh(folder, n)), new ImageDecoder()), Path.Combine(_temp.Path, name, "run"), folder);
        }
        static void AddFour(string folder)
        {
            for (int i = 8; i < 12; i++) TestImageFiles.Write(folder, i);
        }

        var (straightImages, straightOut, _) = Setup("straight", (folder, n) => { if (n == 3) AddFour(folder); });   // new files from epoch 2 on
        var straight = await EpochRefreshingRun.RunAsync(new SwAVPretrainer(new TorchBackend(), options, straightImages, straightOut, TextWriter.Null), options, straightImages, straightOut, false, TextWriter.Null);

        var (images, outDir, folder) = Setup("resumed", (_, _) => { });
        var first = await EpochRefreshingRun.RunAsync(new SwAVPretrainer(new TorchBackend(), options, images, outDir, TextWriter.Null), options, images, outDir, false, TextWriter.Null, stopAfter: 3);
        Assert.Equal(3, first.Steps);                                    // stopped inside epoch 1
        AddFour(folder);                                                 // the folder changes while the run is down
        var log = new StringWriter();
        var again = new RefreshableImageCollection(new FolderImageSource(folder), new ImageDecoder());
        var resumed = await EpochRefreshingRun.RunAsync(new SwAVPretrainer(new TorchBackend(), options, again, outDir, log), options, again, outDir, true, log);

        Assert.Contains("epoch 1: 8 files (recorded listing", log.ToString());
        Assert.Contains("epoch 2: 12 files (+4 new, -0 removed)", log.ToString());
        foreach (var file in new[] { "trunk.safetensors", "head.safetensors", "optimizer.safetensors" })
        {
            var diff = CheckpointDiff.Compare(Path.Combine(straight.Checkpoint!, file), Path.Combine(resumed.Checkpoint!, file));
            Assert.True(diff.KeysCompared > 0, file);
            Assert.True(diff.MaxAbs == 0, $"{file}: {diff.MaxAbs} at {diff.MaxAbsKey}");
        }
    }
}
