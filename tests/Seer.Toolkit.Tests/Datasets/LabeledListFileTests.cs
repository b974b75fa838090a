using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Tests.Data;

namespace Seer.Toolkit.Tests.Datasets;

/// <summary>path,label lists: names and integers, optional header, relative paths, and errors with line numbers.</summary>
public sealed class LabeledListFileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private string List(string name, params string[] lines) => _dir.Write(name, System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    private void Images(int count)
    {
        for (int i = 0; i < count; i++) _dir.Write($"img/{i:D2}.png", LabeledImageTree.Image(i % 3, i));
    }

    [Fact]
    public void Named_labels_become_ordinally_sorted_classes_and_paths_resolve_against_the_list_folder()
    {
        Images(4);
        var absolute = Path.Combine(_dir.Path, "img", "03.png");
        var list = List("sub/../labels.csv", "path,label", "img/00.png,zebra", "\"img/01.png\",Ant", "img/02.png,zebra", $"{absolute},bee");
        var all = LabeledListFile.Read(list, new LabeledDatasetOptions());
        Assert.Equal(["Ant", "bee", "zebra"], all.ClassNames);
        Assert.Equal([2, 0, 2, 1], Enumerable.Range(0, 4).Select(all.Label));
        Assert.Equal(Path.Combine(_dir.Path, "img", "01.png"), all.Files[1].Path);
        Assert.Equal("img/00.png", all.Key(0));
        Assert.NotNull(all.Load(3));
    }

    [Fact]
    public void Integer_labels_without_a_header_and_whitespace_separated_txt_lists_are_read()
    {
        Images(3);
        var csv = LabeledListFile.Read(List("a.csv", "img/00.png,4", "# a comment", "", "img/01.png, 0"), new LabeledDatasetOptions());
        Assert.Equal(5, csv.Classes);                                   // classes 0 … max label
        Assert.Equal([4, 0], Enumerable.Range(0, 2).Select(csv.Label));
        var txt = LabeledListFile.Read(List("b.txt", "img/02.png 1", "img/00.png\t0"), new LabeledDatasetOptions());
        Assert.Equal([1, 0], Enumerable.Range(0, 2).Select(txt.Label));
    }

    [Fact]
    public void A_label_that_does_not_match_the_others_is_reported_with_its_line()
    {
        Images(3);
        var list = List("bad.csv", "path,label", "img/00.png,0", "img/01.png,1", "img/02.png,cat");
        var e = Assert.Throws<InvalidDataException>(() => LabeledListFile.Read(list, new LabeledDatasetOptions()));
        Assert.Contains("line 4", e.Message);
        Assert.Contains("label 'cat' is not an integer", e.Message);
        e = Assert.Throws<InvalidDataException>(() => LabeledListFile.Read(List("neg.csv", "img/00.png,0", "img/01.png,-1"), new LabeledDatasetOptions()));
        Assert.Contains("line 2: label -1 is negative", e.Message);
        e = Assert.Throws<InvalidDataException>(() => LabeledListFile.Read(List("one.csv", "img/00.png"), new LabeledDatasetOptions()));
        Assert.Contains("line 1: expected 'path,label'", e.Message);
    }

    [Fact]
    public void Listed_files_that_do_not_exist_are_named_with_their_lines()
    {
        Images(1);
        var list = List("missing.csv", "img/00.png,a", "img/nope.png,b", "img/gone.jpg,a");
        var e = Assert.Throws<FileNotFoundException>(() => LabeledListFile.Read(list, new LabeledDatasetOptions()));
        Assert.Contains("2 listed file(s) do not exist", e.Message);
        Assert.Contains("line 2: " + Path.Combine(_dir.Path, "img", "nope.png"), e.Message);
        Assert.Contains("line 3: ", e.Message);
        Assert.Throws<InvalidDataException>(() => LabeledListFile.Read(List("empty.csv", "path,label"), new LabeledDatasetOptions()));
    }

    [Fact]
    public void A_list_is_split_into_train_and_val_through_the_resolver()
    {
        Images(12);
        var list = List("all.csv", [.. Enumerable.Range(0, 12).Select(i => $"img/{i:D2}.png,{"abc"[i % 3]}")]);
        var splits = LabeledDatasets.Open(list, new LabeledDatasetOptions { ValFraction = 0.25, Seed = 1 });
        Assert.Equal("all", splits.Name);
        Assert.Equal("val", splits.TestSplit);
        Assert.Equal((9, 3), (splits.Train.Count, splits.Test.Count));
        Assert.Equal([0, 1, 2], Enumerable.Range(0, 3).Select(splits.Test.Label).Order());
    }
}
