using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Data;
using Seer.Toolkit.Tests.Data;

namespace Seer.Toolkit.Tests.Datasets;

/// <summary>torchvision's ImageFolder layout: class order, train/val folders, the seeded split, skipped files and errors.</summary>
public sealed class ImageFolderDatasetTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Classes_are_sorted_ordinally_as_python_sorted_and_files_get_their_folder_label()
    {
        string[] written = ["b", "C10", "a", "C9"];
        LabeledImageTree.Write(_root, "train", written, 2);
        LabeledImageTree.Write(_root, "val", ["a", "C9"], 1);
        var splits = ImageFolderDataset.Open(_root.Path, new LabeledDatasetOptions());
        string[] expected = [.. written.Order(StringComparer.Ordinal)];
        Assert.Equal(["C10", "C9", "a", "b"], expected);                         // upper case before lower, '1' < '9'
        Assert.Equal(expected, splits.Train.ClassNames);
        Assert.Equal("val", splits.TestSplit);
        Assert.Equal((8, 2), (splits.Train.Count, splits.Test.Count));
        for (int i = 0; i < splits.Train.Count; i++)
        {
            var key = splits.Train.Key(i);
            Assert.StartsWith($"train/{splits.Train.ClassNames[splits.Train.Label(i)]}/", key);
        }
        Assert.Equal([1, 2], Enumerable.Range(0, 2).Select(splits.Test.Label));      // val/C9 → 1, then val/a → 2 (ordinal folder order)
        Assert.Equal(["val/C9/00.png", "val/a/00.png"], Enumerable.Range(0, 2).Select(splits.Test.Key));
        var img = splits.Train.Load(0)!;
        Assert.True(img.Width >= 24 && img.Height >= 22);
    }

    [Fact]
    public void A_test_folder_is_the_held_out_split_when_there_is_no_val()
    {
        LabeledImageTree.Write(_root, "train", ["x", "y"], 2);
        LabeledImageTree.Write(_root, "test", ["y"], 3);
        var splits = ImageFolderDataset.Open(_root.Path, new LabeledDatasetOptions());
        Assert.Equal("test", splits.TestSplit);
        Assert.Equal(3, splits.Test.Count);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1, splits.Test.Label(i)));
    }

    [Fact]
    public void A_single_root_is_split_per_class_by_fraction_and_the_seed_fixes_it()
    {
        LabeledImageTree.Write(_root, "", ["cat", "dog", "owl"], 10);
        var a = ImageFolderDataset.Open(_root.Path, new LabeledDatasetOptions { ValFraction = 0.3, Seed = 5 });
        var b = ImageFolderDataset.Open(_root.Path, new LabeledDatasetOptions { ValFraction = 0.3, Seed = 5 });
        var c = ImageFolderDataset.Open(_root.Path, new LabeledDatasetOptions { ValFraction = 0.3, Seed = 6 });
        string[] Keys(ILabeledImages d) => [.. Enumerable.Range(0, d.Count).Select(d.Key)];
        Assert.Equal(Keys(a.Test), Keys(b.Test));
        Assert.NotEqual(Keys(a.Test), Keys(c.Test));
        Assert.Equal(9, a.Test.Count);                                              // round(0.3 · 10) = 3 per class
        Assert.Equal([3, 3, 3], Enumerable.Range(0, 3).Select(k => Enumerable.Range(0, a.Test.Count).Count(i => a.Test.Label(i) == k)));
        Assert.Empty(Keys(a.Train).Intersect(Keys(a.Test)));
        Assert.Equal(30, Keys(a.Train).Union(Keys(a.Test)).Count());
    }

    [Fact]
    public void Undecodable_files_load_as_null_and_are_counted_by_reason_once()
    {
        LabeledImageTree.Write(_root, "train", ["a", "b"], 2);
        LabeledImageTree.Write(_root, "val", ["a", "b"], 1);
        _root.Write("train/b/zz-notes.txt", "not an image"u8.ToArray());
        _root.Write("train/b/zz-cut.png", LabeledImageTree.Image(1, 0)[..40]);
        var splits = ImageFolderDataset.Open(_root.Path, new LabeledDatasetOptions());
        var train = splits.Train;
        Assert.Equal(6, train.Count);
        int usable = 0;
        for (int pass = 0; pass < 2; pass++)
            for (int i = 0; i < train.Count; i++)
                if (train.Load(i) is not null && pass == 0) usable++;
        Assert.Equal(4, usable);
        Assert.Equal(2, SkippedImages.Count(train));
        Assert.Equal(1, train.Skipped[DecodeStatus.NotAnImage]);
        Assert.Contains("2 of 6 images", SkippedImages.Describe(train, "train"));
        Assert.Null(SkippedImages.Describe(splits.Test, "val"));
    }

    [Fact]
    public void Empty_class_folders_are_named()
    {
        LabeledImageTree.Write(_root, "", ["cat"], 2);
        Directory.CreateDirectory(Path.Combine(_root.Path, "dog"));
        Directory.CreateDirectory(Path.Combine(_root.Path, "emu", "nested"));
        var e = Assert.Throws<InvalidDataException>(() => ImageFolderDataset.Open(_root.Path, new LabeledDatasetOptions()));
        Assert.Contains("empty class folders (no files): dog, emu", e.Message);
    }

    [Fact]
    public void Held_out_classes_missing_from_train_and_rootless_folders_are_errors()
    {
        LabeledImageTree.Write(_root, "train", ["a"], 2);
        LabeledImageTree.Write(_root, "val", ["a", "zebra"], 1);
        var e = Assert.Throws<InvalidDataException>(() => ImageFolderDataset.Open(_root.Path, new LabeledDatasetOptions()));
        Assert.Contains("class folders not in", e.Message);
        Assert.Contains("zebra", e.Message);

        using var flat = new TempFolder();
        flat.Write("loose.png", LabeledImageTree.Image(0, 0));
        e = Assert.Throws<InvalidDataException>(() => ImageFolderDataset.Open(flat.Path, new LabeledDatasetOptions()));
        Assert.Contains("has no class folders", e.Message);
    }

    [Fact]
    public void Unknown_dataset_names_list_the_known_ones_and_the_accepted_forms()
    {
        var e = Assert.Throws<ArgumentException>(() => LabeledDatasets.Open("imagenet-1k"));
        Assert.Contains("unknown dataset 'imagenet-1k'", e.Message);
        foreach (var known in IdxDatasets.KnownLocations.Keys) Assert.Contains(known, e.Message);
        Assert.Contains("ImageFolder root", e.Message);
        Assert.Contains(".csv/.txt list", e.Message);
        var other = _root.Write("weights.bin", [1, 2, 3]);
        e = Assert.Throws<ArgumentException>(() => LabeledDatasets.Open(other));
        Assert.Contains("not a .csv or .txt list", e.Message);
    }

    [Fact]
    public void The_resolver_opens_folders_as_image_folders()
    {
        LabeledImageTree.Write(_root, "", ["p", "q"], 3);
        var splits = LabeledDatasets.Open(_root.Path, new LabeledDatasetOptions { ValFraction = 0.34 });
        Assert.IsType<LabeledFileImages>(splits.Train);
        Assert.Equal(EvalCrop.ResizeCenterCrop, splits.Train.EvalCrop);
        Assert.Equal((4, 2), (splits.Train.Count, splits.Test.Count));
    }
}
