using Seer.Toolkit.Components.Evaluation;
using Seer.Toolkit.Tests.Data;
using Seer.Toolkit.Tests.Datasets;

namespace Seer.Toolkit.Tests.Cli;

/// <summary>
/// `seer extract --ranks 3` (mpirun, three seer-worker ranks, each a shard of every split, features all-gathered, rank 0
/// writes) produces the folder `seer extract` writes in one process: same files, rows, keys, labels and manifest.
/// </summary>
public sealed class DistributedExtractCliTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Three_ranks_write_the_feature_folder_one_process_writes()
    {
        Distributed.WorkerLauncher.MpiRun();
        LabeledImageTree.Write(_dir, "shapes", ["circle", "square", "star"], 5);
        _dir.Write("shapes/star/zz.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2]);              // skipped on whichever rank holds it
        var root = Path.Combine(_dir.Path, "shapes");
        string[] Args(string outDir, int ranks) =>
            ["extract", "--checkpoint", "random:regnety_micro", "--dataset", root, "--layers", "avgpool,res3", "--out", outDir,
             "--resolution", "32", "--batch", "4", "--ranks", $"{ranks}"];
        var (one, three) = (Path.Combine(_dir.Path, "one"), Path.Combine(_dir.Path, "three"));
        var runs = await Task.WhenAll(SeerProcess.RunAsync(TimeSpan.FromMinutes(4), Args(one, 1)), SeerProcess.RunAsync(TimeSpan.FromMinutes(4), Args(three, 3)));
        Assert.True(runs[0].Exit == 0, runs[0].Output);
        Assert.True(runs[1].Exit == 0, runs[1].Output);
        Assert.Contains("3 ranks", runs[1].Output);
        Assert.Contains("skipped, unusable:", runs[1].Output);                         // counts summed over the ranks

        Assert.Equal(Directory.GetFiles(one).Select(Path.GetFileName).Order(), Directory.GetFiles(three).Select(Path.GetFileName).Order());
        Assert.Equal(File.ReadAllText(Path.Combine(one, "manifest.json")), File.ReadAllText(Path.Combine(three, "manifest.json")));
        foreach (var keys in Directory.GetFiles(one, "*-keys.txt"))
            Assert.Equal(File.ReadAllText(keys), File.ReadAllText(Path.Combine(three, Path.GetFileName(keys))));
        foreach (var file in Directory.GetFiles(one, "*.safetensors"))
        {
            var (a, rowsA, metaA) = FeatureFile.Read(file);
            var (b, rowsB, metaB) = FeatureFile.Read(Path.Combine(three, Path.GetFileName(file)));
            Assert.Equal(rowsA, rowsB);
            Assert.Equal(a.Labels, b.Labels);
            Assert.Equal(metaA, metaB);
            double scale = a.Features.Max(MathF.Abs);
            double worst = a.Features.Zip(b.Features, (x, y) => Math.Abs(x - y)).Max();
            Assert.True(worst <= 1e-5 * scale, $"{Path.GetFileName(file)}: max |Δ| {worst:E3} of scale {scale:E3}");
        }
    }
}
