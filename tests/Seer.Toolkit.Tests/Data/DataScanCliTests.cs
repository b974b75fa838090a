using System.Text.Json;
using Seer.Toolkit.Data;
using Seer.Toolkit.Tests.Cli;
using SkiaSharp;

namespace Seer.Toolkit.Tests.Data;

/// <summary><c>seer data scan</c>: JSON schema, per-file statuses and bad input.</summary>
public class DataScanCliTests
{
    private static TempFolder MixedFolder()
    {
        var folder = new TempFolder();
        folder.Write("a/good.png", SkiaEncode.Rgb(12, 8, TestPatterns.Quadrant, SKEncodedImageFormat.Png));
        folder.Write("a/rotated.jpg", JpegSegments.InsertAfterSoi(SkiaEncode.Jpeg(40, 20, TestPatterns.Quadrant), JpegSegments.ExifApp1(6)));
        folder.Write("b/empty.jpg", []);
        folder.Write("b/notes.jpg", "just text"u8.ToArray());
        folder.Write("huge.png", PngWriter.HeaderOnly(20000, 20000));
        return folder;
    }

    [Fact]
    public void Json_has_exactly_the_documented_keys_and_per_file_statuses()
    {
        using var folder = MixedFolder();
        var (exit, stdout, stderr) = CliRunner.Run("data", "scan", folder.Path, "--json", "--threads", "2");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(["ok", "skipped", "reasons", "files"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(DecodeStatusNames.Reasons.Select(r => r.ToName()), root.GetProperty("reasons").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["corrupt", "truncated", "empty", "unsupported", "not_an_image", "too_large", "io_error"],
            root.GetProperty("reasons").EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("ok").GetInt32());
        Assert.Equal(3, root.GetProperty("skipped").GetInt32());
        var reasons = root.GetProperty("reasons");
        Assert.Equal(1, reasons.GetProperty("empty").GetInt32());
        Assert.Equal(1, reasons.GetProperty("not_an_image").GetInt32());
        Assert.Equal(1, reasons.GetProperty("too_large").GetInt32());

        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.All(files, f => Assert.Equal(["path", "status", "reason", "width", "height"], f.EnumerateObject().Select(p => p.Name)));
        var byName = files.ToDictionary(f => Path.GetRelativePath(folder.Path, f.GetProperty("path").GetString()!));
        Assert.Equal(["a/good.png", "a/rotated.jpg", "b/empty.jpg", "b/notes.jpg", "huge.png"], byName.Keys);
        Assert.Equal("ok", byName["a/good.png"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, byName["a/good.png"].GetProperty("reason").ValueKind);
        Assert.Equal((12, 8), Size(byName["a/good.png"]));
        Assert.Equal((20, 40), Size(byName["a/rotated.jpg"]));                                        // after orientation
        Assert.Equal("skipped", byName["b/empty.jpg"].GetProperty("status").GetString());
        Assert.Equal("empty", byName["b/empty.jpg"].GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, byName["b/empty.jpg"].GetProperty("width").ValueKind);
        Assert.Equal("not_an_image", byName["b/notes.jpg"].GetProperty("reason").GetString());
        Assert.Equal("too_large", byName["huge.png"].GetProperty("reason").GetString());
        Assert.Equal((20000, 20000), Size(byName["huge.png"]));                                        // from the header
    }

    [Fact]
    public void Max_pixels_option_and_text_summary()
    {
        using var folder = MixedFolder();
        var (exit, stdout, _) = CliRunner.Run("data", "scan", folder.Path, "--max-pixels", "500");
        Assert.Equal(0, exit);
        Assert.Contains("scanned 5 files", stdout);
        Assert.Matches(@"ok\s+1\b", stdout);                     // 12×8 PNG fits, 40×20 JPEG does not
        Assert.Matches(@"too_large\s+2\b", stdout);
    }

    [Fact]
    public void Scans_tar_shards_and_file_lists()
    {
        using var folder = MixedFolder();
        var tarPath = Path.Combine(folder.Path, "shard.tar");
        System.Formats.Tar.TarFile.CreateFromDirectory(Path.Combine(folder.Path, "a"), tarPath, includeBaseDirectory: false);
        var (exit, stdout, _) = CliRunner.Run("data", "scan", tarPath, "--json");
        Assert.Equal(0, exit);
        using (var doc = JsonDocument.Parse(stdout)) Assert.Equal(2, doc.RootElement.GetProperty("ok").GetInt32());

        var list = Path.Combine(folder.Path, "list.txt");
        File.WriteAllText(list, "a/good.png\nmissing.png\n");
        (exit, stdout, _) = CliRunner.Run("data", "scan", list, "--json");
        Assert.Equal(0, exit);
        using (var doc = JsonDocument.Parse(stdout))
        {
            Assert.Equal(1, doc.RootElement.GetProperty("ok").GetInt32());
            Assert.Equal(1, doc.RootElement.GetProperty("reasons").GetProperty("io_error").GetInt32());
        }
    }

    [Theory]
    [InlineData("/nonexistent/seer/folder")]
    public void Missing_path_is_a_clear_error(string path)
    {
        var (exit, _, stderr) = CliRunner.Run("data", "scan", path);
        Assert.Equal(2, exit);
        Assert.StartsWith("seer: error: ", stderr);
        Assert.Contains(path, stderr);
    }

    [Fact]
    public void Bad_option_values_are_clear_errors()
    {
        using var folder = new TempFolder();
        var (exit, _, stderr) = CliRunner.Run("data", "scan", folder.Path, "--threads", "0");
        Assert.Equal(2, exit);
        Assert.Contains("--threads", stderr);
    }

    private static (int, int) Size(JsonElement file) => (file.GetProperty("width").GetInt32(), file.GetProperty("height").GetInt32());
}
