using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Tests.Data;

namespace Seer.Toolkit.Tests.Datasets;

/// <summary>Class-balanced subsets, the deterministic split, and reproducing a subset through its saved list.</summary>
public sealed class SubsetTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Unbalanced labels: class c has 20 + 15·c items, classes in a scrambled order.</summary>
    private static int[] Labels()
    {
        var labels = new List<int>();
        for (int c = 0; c < 4; c++) labels.AddRange(Enumerable.Repeat(c, 20 + 15 * c));
        return [.. labels.OrderBy(l => (l * 7919) % 13).ThenBy(l => l)];
    }

    private static int[] PerClassCounts(int[] labels, int[] chosen) => [.. Enumerable.Range(0, 4).Select(c => chosen.Count(i => labels[i] == c))];

    [Fact]
    public void Fractions_take_round_f_n_of_every_class_and_at_least_one()
    {
        var labels = Labels();
        int[] sizes = [.. Enumerable.Range(0, 4).Select(c => labels.Count(l => l == c))];
        foreach (var f in new[] { 0.01, 0.1, 0.5 })
        {
            var chosen = ClassBalancedSubset.ByFraction(labels, 4, f, seed: 3);
            Assert.Equal(sizes.Select(n => Math.Max(1, (int)Math.Round(f * n, MidpointRounding.AwayFromZero))), PerClassCounts(labels, chosen));
            Assert.Equal(chosen.Order(), chosen);
            Assert.Equal(chosen.Length, chosen.Distinct().Count());
        }
        Assert.Equal([5, 5, 5, 5], PerClassCounts(labels, ClassBalancedSubset.PerClass(labels, 4, 5, seed: 3)));
        Assert.Equal(sizes, PerClassCounts(labels, ClassBalancedSubset.PerClass(labels, 4, 1000, seed: 3)));
        Assert.Throws<ArgumentException>(() => ClassBalancedSubset.ByFraction(labels, 4, 0, 1));
        Assert.Throws<ArgumentException>(() => ClassBalancedSubset.PerClass(labels, 4, 0, 1));
    }

    [Fact]
    public void The_seed_fixes_the_choice()
    {
        var labels = Labels();
        Assert.Equal(ClassBalancedSubset.ByFraction(labels, 4, 0.1, 7), ClassBalancedSubset.ByFraction(labels, 4, 0.1, 7));
        Assert.NotEqual(ClassBalancedSubset.ByFraction(labels, 4, 0.1, 7), ClassBalancedSubset.ByFraction(labels, 4, 0.1, 8));
    }

    [Fact]
    public void The_split_is_a_stratified_partition_fixed_by_the_seed()
    {
        var labels = Labels();
        var (train, val) = DatasetSplitter.Split(labels, 4, 0.2, 11);
        Assert.Equal(Enumerable.Range(0, labels.Length), train.Concat(val).Order());
        Assert.Equal([4, 7, 10, 13], PerClassCounts(labels, val));          // round(0.2 · 20, 35, 50, 65)
        var again = DatasetSplitter.Split(labels, 4, 0.2, 11);
        Assert.Equal(train, again.Train);
        Assert.Equal(val, again.Val);
        Assert.NotEqual(val, DatasetSplitter.Split(labels, 4, 0.2, 12).Val);
        Assert.DoesNotContain(0, DatasetSplitter.Split([0, 1, 1], 2, 0.1, 0).Val);           // a single image stays in train
        Assert.Throws<ArgumentException>(() => DatasetSplitter.Split(labels, 4, 1.0, 0));
    }

    [Fact]
    public void A_saved_list_reproduces_the_subset_and_names_its_origin()
    {
        var labels = Labels();
        string Key(int i) => $"img/{i:D3}.png";
        var path = Path.Combine(_dir.Path, "lists", "ten.txt");
        var chosen = new SubsetRequest(Fraction: 0.1, SaveTo: path, Seed: 9).Choose("flowers", labels, 4, Key)!;
        var text = File.ReadAllLines(path);
        Assert.Contains("# dataset: flowers", text);
        Assert.Contains("# seed: 9", text);
        Assert.Contains("# fraction: 0.1", text);
        Assert.Equal(chosen.Select(Key), text.Where(l => !l.StartsWith('#')));

        var again = new SubsetRequest(LoadFrom: path).Choose("flowers", labels, 4, Key);
        Assert.Equal(chosen, again);
        var list = SubsetList.Load(path);
        Assert.Equal((9L, "fraction: 0.1"), (list.Seed, list.Selection));

        var wrong = Assert.Throws<ArgumentException>(() => new SubsetRequest(LoadFrom: path).Choose("cars", labels, 4, Key));
        Assert.Contains("made for dataset 'flowers', not 'cars'", wrong.Message);
        var missing = Assert.Throws<ArgumentException>(() => new SubsetRequest(LoadFrom: path).Choose("flowers", labels, 4, i => $"other/{i}"));
        Assert.Contains($"entry 1 '{Key(chosen[0])}' is not in the train split", missing.Message);
        Assert.Throws<ArgumentException>(() => new SubsetRequest(Fraction: 0.1, PerClass: 2).Choose("flowers", labels, 4, Key));
        Assert.Null(new SubsetRequest().Choose("flowers", labels, 4, Key));
    }

    [Fact]
    public void Idx_subsets_keep_their_source_indices_as_keys()
    {
        var images = new GrayImages(6, 2, 2, [.. Enumerable.Range(0, 24).Select(i => (byte)i)]);
        var data = new LabeledGrayDataset("toy", images, [0, 1, 0, 1, 0, 1], 2);
        var sub = data.Select([4, 1]);
        Assert.Equal(["4", "1"], Enumerable.Range(0, 2).Select(sub.Key));
        Assert.Equal([0, 1], Enumerable.Range(0, 2).Select(sub.Label));
        var nested = sub.Select([1]);
        Assert.Equal("1", nested.Key(0));
        Assert.Equal(4f / 255f, sub.Load(1)!.Data[0]);                      // image 1's first pixel is byte 4
    }
}
