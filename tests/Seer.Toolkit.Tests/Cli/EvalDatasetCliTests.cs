using System.Text.Json;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Tests.Data;
using Seer.Toolkit.Tests.Datasets;
using Seer.Toolkit.Weights;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Tests.Cli;

/// <summary>
/// <c>seer extract</c> and <c>seer eval knn</c> on an ImageFolder, checked against the same computation done in
/// process, subsets reproduced through their saved list, and each bad input named before any probe runs.
/// </summary>
public sealed class EvalDatasetCliTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly TorchBackend _backend = new();

    public void Dispose() => _dir.Dispose();

    private string Root => Path.Combine(_dir.Path, "shapes");

    private string WriteImageFolder(int perClass = 6)
    {
        LabeledImageTree.Write(_dir, "shapes", ["circle", "square", "star"], perClass);
        _dir.Write("shapes/star/zz.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2]);      // counted as skipped, never a crash
        return Root;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public async Task Extract_writes_features_equal_to_the_in_process_trunk_and_knn_reads_them_back()
    {
        var root = WriteImageFolder();
        var outDir = Path.Combine(_dir.Path, "features");
        var (exit, output) = await SeerProcess.RunAsync(TimeSpan.FromMinutes(3),
            "extract", "--checkpoint", "random:regnety_micro", "--dataset", root, "--layers", "avgpool,res3", "--out", outDir, "--resolution", "32");
        Assert.True(exit == 0, output);
        Assert.Contains("images of shapes (", output);                               // the broken JPEG, in whichever split the seed put it
        Assert.Contains("skipped, unusable:", output);

        var data = LabeledDatasets.Open(root);
        var trunk = RegNetModel.FromPreset("regnety_micro", 0).Materialize(_backend, 0);
        var crops = new MultiCropOptions();
        var expected = FeatureExtraction.TrunkLayers(trunk, _backend, data.Train, 32, crops.Mean, crops.Std, [FeatureLayer.AveragePool, FeatureLayer.Parse("res3")]);
        var (avg, _, meta) = FeatureFile.Read(Path.Combine(outDir, "train-avgpool.safetensors"));
        var (res3, _, _) = FeatureFile.Read(Path.Combine(outDir, "train-res3.safetensors"));
        Assert.Equal(expected[0].Features, avg.Features);
        Assert.Equal(expected[1].Features, res3.Features);
        Assert.Equal(expected[0].Labels, avg.Labels);
        Assert.Equal(("avgpool", "shapes", "train", "random:regnety_micro", "regnety_micro"), (meta["layer"], meta["dataset"], meta["split"], meta["checkpoint"], meta["arch"]));
        var manifest = Json(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        Assert.Equal(["circle", "square", "star"], manifest.GetProperty("class_names").EnumerateArray().Select(e => e.GetString()));

        var (knnExit, knnOut, knnErr) = CliRunner.Run("eval", "knn", "--features", outDir, "--layer", "res3", "--k", "3", "--json");
        Assert.True(knnExit == 0, knnErr);
        var test = FeatureFile.Read(Path.Combine(outDir, "val-res3.safetensors")).Set;
        var reference = KnnClassifier.Run(_backend, res3, test, 3, new KnnOptions { K = 3 });
        var json = Json(knnOut);
        Assert.Equal(["protocol", "dataset", "top1", "top5", "train_images", "test_images", "seed"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Math.Round(reference.Top1, 2), json.GetProperty("top1").GetDouble());
        Assert.Equal((res3.Count, test.Count), (json.GetProperty("train_images").GetInt32(), json.GetProperty("test_images").GetInt32()));
        Assert.Equal("shapes", json.GetProperty("dataset").GetString());

        // a subset chosen on stored features names images by key, so the same list selects the same images from the dataset
        var list = Path.Combine(_dir.Path, "two-each.txt");
        var (subExit, subOut, subErr) = CliRunner.Run("eval", "knn", "--features", outDir, "--k", "3", "--per-class", "2", "--subset-out", list, "--json");
        Assert.True(subExit == 0, subErr);
        var keys = File.ReadAllLines(list).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(6, Json(subOut).GetProperty("train_images").GetInt32());
        Assert.Equal([2, 2, 2], new[] { "circle/", "square/", "star/" }.Select(c => keys.Count(k => k.StartsWith(c, StringComparison.Ordinal))));
        var (dataExit, dataOut, dataErr) = CliRunner.Run("eval", "knn", "--checkpoint", "random:regnety_micro", "--dataset", root, "--resolution", "32",
            "--layer", "res3", "--k", "3", "--subset", list, "--json");
        Assert.True(dataExit == 0, dataErr);
        Assert.Equal(Json(subOut).GetProperty("top1").GetDouble(), Json(dataOut).GetProperty("top1").GetDouble());
        Assert.Equal(6, Json(dataOut).GetProperty("train_images").GetInt32());

        var (bothExit, _, bothErr) = CliRunner.Run("eval", "knn", "--features", outDir, "--dataset", root);
        Assert.Equal(2, bothExit);
        Assert.Contains("--features DIR replaces --checkpoint and --dataset", bothErr);
    }

    [Fact]
    public void Eval_knn_on_an_image_folder_matches_the_in_process_probe_and_a_saved_subset_reproduces_it()
    {
        var root = WriteImageFolder(perClass: 8);
        var (exit, output, error) = CliRunner.Run("eval", "knn", "--checkpoint", "pixels", "--dataset", root, "--resolution", "16", "--k", "5", "--json");
        Assert.True(exit == 0, error);
        Assert.Contains("1 of ", error);
        Assert.Contains("skipped, unusable:", error);
        var data = LabeledDatasets.Open(root);
        var train = FeatureExtraction.Pixels(data.Train, 16);
        var test = FeatureExtraction.Pixels(data.Test, 16);
        var reference = KnnClassifier.Run(_backend, train, test, 3, new KnnOptions { K = 5 });
        var json = Json(output);
        Assert.Equal(("knn", root), (json.GetProperty("protocol").GetString(), json.GetProperty("dataset").GetString()));
        Assert.Equal(Math.Round(reference.Top1, 2), json.GetProperty("top1").GetDouble());
        Assert.Equal((train.Count, test.Count), (json.GetProperty("train_images").GetInt32(), json.GetProperty("test_images").GetInt32()));

        var list = Path.Combine(_dir.Path, "half.txt");
        var (e1, o1, err1) = CliRunner.Run("eval", "knn", "--checkpoint", "pixels", "--dataset", root, "--resolution", "16", "--k", "3",
            "--per-class", "2", "--seed", "4", "--subset-out", list, "--json");
        Assert.True(e1 == 0, err1);
        var keys = File.ReadAllLines(list).Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(6, keys.Count);                                                 // 2 of each of 3 classes
        Assert.Equal(6, Json(o1).GetProperty("train_images").GetInt32());
        var (e2, o2, err2) = CliRunner.Run("eval", "knn", "--checkpoint", "pixels", "--dataset", root, "--resolution", "16", "--k", "3", "--subset", list, "--json");
        Assert.True(e2 == 0, err2);
        Assert.Equal(Json(o1).GetProperty("top1").GetDouble(), Json(o2).GetProperty("top1").GetDouble());
        var subset = data.Train.Select(new SubsetRequest(LoadFrom: list).Choose(data.Name, [.. Enumerable.Range(0, data.Train.Count).Select(data.Train.Label)], 3, data.Train.Key)!);
        var subsetReference = KnnClassifier.Run(_backend, FeatureExtraction.Pixels(subset, 16), test, 3, new KnnOptions { K = 3 });
        Assert.Equal(Math.Round(subsetReference.Top1, 2), Json(o2).GetProperty("top1").GetDouble());
    }

    [Fact]
    public void Bad_datasets_are_named_before_any_probe()
    {
        var (exit, _, error) = CliRunner.Run("eval", "knn", "--checkpoint", "pixels", "--dataset", "cifar-10");
        Assert.Equal(2, exit);
        Assert.Contains("unknown dataset 'cifar-10'", error);
        Assert.Contains("fashion-mnist, mnist", error);

        LabeledImageTree.Write(_dir, "holes/train", ["a"], 2);
        Directory.CreateDirectory(Path.Combine(_dir.Path, "holes", "train", "b"));
        (exit, _, error) = CliRunner.Run("eval", "linear", "--checkpoint", "pixels", "--dataset", Path.Combine(_dir.Path, "holes"));
        Assert.Equal(2, exit);
        Assert.Contains("empty class folders (no files): b", error);

        _dir.Write("img/0.png", LabeledImageTree.Image(0, 0));
        _dir.Write("img/1.png", LabeledImageTree.Image(1, 1));
        var csv = _dir.Write("labels.csv", "img/0.png,0\nimg/1.png,one\n"u8.ToArray());
        (exit, _, error) = CliRunner.Run("eval", "knn", "--checkpoint", "pixels", "--dataset", csv);
        Assert.Equal(2, exit);
        Assert.Contains("line 2: label 'one' is not an integer", error);

        var missing = _dir.Write("missing.csv", "img/0.png,cat\nimg/2.png,dog\n"u8.ToArray());
        (exit, _, error) = CliRunner.Run("extract", "--checkpoint", "random:regnety_micro", "--dataset", missing, "--out", Path.Combine(_dir.Path, "f"));
        Assert.Equal(2, exit);
        Assert.Contains("line 2: " + Path.Combine(_dir.Path, "img", "2.png"), error);

        _dir.Write("broken/a/x.png", "text"u8.ToArray());
        _dir.Write("broken/a/y.png", "text"u8.ToArray());
        (exit, _, error) = CliRunner.Run("eval", "knn", "--checkpoint", "pixels", "--dataset", Path.Combine(_dir.Path, "broken"), "--resolution", "8");
        Assert.Equal(2, exit);
        Assert.Contains("no usable images in broken", error);
    }

    [Fact]
    public void Mismatched_checkpoints_layers_and_options_are_named()
    {
        var root = WriteImageFolder(perClass: 2);
        var weights = Path.Combine(_dir.Path, "trunk.safetensors");
        ComponentCheckpoint.Save(RegNetModel.FromPreset("regnety_micro", 0).Materialize(_backend, 1), weights,
            new Dictionary<string, string> { ["arch"] = "regnety_mini" });                // the weights are not a regnety_mini
        var (exit, _, error) = CliRunner.Run("extract", "--checkpoint", weights, "--dataset", root, "--out", Path.Combine(_dir.Path, "f"));
        Assert.Equal(2, exit);
        Assert.Contains("does not match the model", error);
        Assert.False(Directory.Exists(Path.Combine(_dir.Path, "f")));

        (exit, _, error) = CliRunner.Run("extract", "--checkpoint", "random:regnety_micro", "--dataset", root, "--layers", "res9", "--out", Path.Combine(_dir.Path, "f"));
        Assert.Equal(2, exit);
        Assert.Contains("feature layer res9", error);

        (exit, _, error) = CliRunner.Run("eval", "knn", "--checkpoint", "pixels", "--dataset", root, "--fraction", "0.5", "--per-class", "1");
        Assert.Equal(2, exit);
        Assert.Contains("at most one of --fraction, --per-class and --subset", error);

        (exit, _, error) = CliRunner.Run("eval", "knn", "--features", _dir.Path);
        Assert.Equal(2, exit);
        Assert.Contains("no manifest.json", error);
    }
}
