using Seer.Toolkit.Tests.Data;

namespace Seer.Toolkit.Tests.Cli;

/// <summary>`seer pretrain --refresh-data`: epoch-by-epoch training over a re-listed folder, and its input errors.</summary>
public sealed class PretrainRefreshCliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Refresh_data_relists_before_every_epoch_and_records_each_listing()
    {
        var images = Path.Combine(_temp.Path, "images");
        for (int i = 0; i < 8; i++) TestImageFiles.Write(images, i);
        var outDir = Path.Combine(_temp.Path, "run");

        var (exit, stdout, stderr) = CliRunner.Run("pretrain", "--preset", "micro", "--data", images, "--out", outDir, "--steps", "5", "--refresh-data");

        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("epoch 0: 8 files (+0 new, -0 removed)", stdout);
        Assert.Contains("epoch 2: 8 files (+0 new, -0 removed)", stdout);
        Assert.Contains("done: 5 updates", stdout);
        Assert.Equal(["epoch-00000000.txt", "epoch-00000001.txt", "epoch-00000002.txt"],
            Directory.GetFiles(Path.Combine(outDir, "listings")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Refresh_data_on_an_idx_dataset_is_a_clear_error()
    {
        var (exit, _, stderr) = CliRunner.Run("pretrain", "--preset", "micro", "--data", "fashion-mnist", "--out", Path.Combine(_temp.Path, "run"), "--refresh-data");
        Assert.Equal(2, exit);
        Assert.Contains("--refresh-data needs image files", stderr);
    }
}
