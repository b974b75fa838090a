using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;
using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Tensors;
using Seer.Toolkit.Tests.Data;
using Seer.Toolkit.Tests.Datasets;
using Seer.Toolkit.Weights;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Tests.Evaluation;

/// <summary>Features written by an export read back equal to the in-memory extraction; IDX extraction unchanged; bad input named.</summary>
public sealed class FeatureExportTests : IDisposable
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f];
    private readonly TorchBackend _backend = new();
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private LabeledSplits ImageFolder(int perClass)
    {
        LabeledImageTree.Write(_dir, "data/train", ["ant", "bee"], perClass);
        LabeledImageTree.Write(_dir, "data/val", ["ant", "bee"], 2);
        _dir.Write("data/train/bee/99-broken.jpg", LabeledImageTree.Image(1, 1)[..60]);
        return LabeledDatasets.Open(Path.Combine(_dir.Path, "data"));
    }

    [Fact]
    public void Exported_features_read_back_equal_to_the_in_memory_extraction()
    {
        var data = ImageFolder(perClass: 4);
        var trunk = RegNetModel.FromPreset("regnety_micro", 0).Materialize(_backend, 3);
        FeatureLayer[] layers = [FeatureLayer.AveragePool, FeatureLayer.Parse("res3")];
        var outDir = Path.Combine(_dir.Path, "features");
        var manifest = FeatureDirectory.Export(trunk, _backend, data, layers, 32, Mean, Std, outDir, "random:regnety_micro", "regnety_micro");

        Assert.Equal(["train", "val"], manifest.Splits.Select(s => s.Name));
        Assert.Equal((9, 8), (manifest.Splits[0].Images, manifest.Splits[0].Rows));      // the broken JPEG has no row
        Assert.Equal(1, manifest.Splits[0].Skipped.Values.Sum());
        Assert.Empty(Directory.EnumerateFiles(outDir, "*.tmp", SearchOption.AllDirectories));

        foreach (var (split, images) in new[] { ("train", data.Train), ("val", data.Test) })
        {
            var expected = FeatureExtraction.TrunkLayers(trunk, _backend, images, 32, Mean, Std, layers);
            for (int l = 0; l < layers.Length; l++)
            {
                var (set, indices, meta) = FeatureFile.Read(Path.Combine(outDir, FeatureFile.FileName(split, layers[l])));
                Assert.Equal(expected[l].Features, set.Features);
                Assert.Equal(expected[l].Labels, set.Labels);
                Assert.Equal((expected[l].Dim, layers[l].Dim(trunk)), (set.Dim, set.Dim));
                Assert.Equal(layers[l].Name, meta["layer"]);
                Assert.Equal((split, "data", "random:regnety_micro", "regnety_micro"), (meta["split"], meta["dataset"], meta["checkpoint"], meta["arch"]));
                if (split == "train") Assert.DoesNotContain(images.Count - 1, indices);   // the broken file sorts last in bee/
            }
        }
        var stored = FeatureDirectory.Load(outDir, FeatureLayer.Parse("res3"));
        Assert.Equal(("data", "val", 2), (stored.Dataset, stored.TestSplit, stored.Classes));
        Assert.Equal(8, stored.TrainKeys.Count);
        Assert.All(stored.TrainKeys, k => Assert.StartsWith("train/", k));
        var e = Assert.Throws<ArgumentException>(() => FeatureDirectory.Load(outDir, FeatureLayer.Parse("res2")));
        Assert.Contains("hold layers avgpool, res3; not res2", e.Message);
    }

    [Fact]
    public void Idx_images_are_extracted_exactly_as_before_whole_image_resized_and_normalised()
    {
        var rng = new Random(4);
        var pixels = new byte[5 * 28 * 28];
        rng.NextBytes(pixels);
        var data = new LabeledGrayDataset("toy", new GrayImages(5, 28, 28, pixels), [0, 1, 2, 1, 0], 3);
        var trunk = RegNetModel.FromPreset("regnety_micro", 0).Materialize(_backend, 2);
        var f = FeatureExtraction.Trunk(trunk, _backend, data, 32, Mean, Std, batch: 2);

        var x = new float[5 * 3 * 32 * 32];
        for (int i = 0; i < 5; i++)
        {
            var img = RandomResizedCrop.CropResize(ImageF.FromGray(data.Images.Image(i), 28, 28), new CropBox(0, 0, 28, 28), 32);
            ColorOps.Normalize(img, Mean, Std);
            img.Data.CopyTo(x, i * 3 * 32 * 32);
        }
        trunk.SetTraining(false);
        float[] reference;
        using (_backend.NoGrad())
            reference = _backend.GlobalAveragePool2d(trunk.ForwardStages(_backend.FromArray(x, [5, 3, 32, 32]))[^1]).Flatten(1).Cast(DType.Float32).ToFloatArray();
        Assert.Equal(reference.Length, f.Features.Length);
        for (int i = 0; i < reference.Length; i++) Assert.Equal(reference[i], f.Features[i], 4);
        Assert.Equal([0, 1, 2, 1, 0], f.Labels);
    }

    [Fact]
    public void A_split_without_one_usable_image_is_an_error_before_any_probe()
    {
        _dir.Write("junk/a/1.png", "not a png"u8.ToArray());
        _dir.Write("junk/a/2.png", LabeledImageTree.Image(0, 0)[..30]);
        _dir.Write("junk/b/1.jpg", [0xFF, 0xD8, 0xFF]);
        var data = LabeledDatasets.Open(Path.Combine(_dir.Path, "junk"), new LabeledDatasetOptions { ValFraction = 0.5 });
        var trunk = RegNetModel.FromPreset("regnety_micro", 0).Materialize(_backend, 1);
        var e = Assert.Throws<InvalidDataException>(() => FeatureExtraction.Trunk(trunk, _backend, data.Train, 32, Mean, Std));
        Assert.Contains("no usable images in junk", e.Message);
        Assert.Contains("were skipped", e.Message);
        Assert.Throws<InvalidDataException>(() => FeatureExtraction.Pixels(data.Train, 16));
    }

    [Fact]
    public void A_file_that_is_not_a_feature_file_is_named()
    {
        var path = Path.Combine(_dir.Path, "trunk.safetensors");
        ComponentCheckpoint.Save(RegNetModel.FromPreset("regnety_micro", 0).Materialize(_backend, 1), path);
        var e = Assert.Throws<InvalidDataException>(() => FeatureFile.Read(path));
        Assert.Contains("no 'features' tensor", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Throws<FileNotFoundException>(() => FeatureManifest.Read(_dir.Path));
    }
}
