using System.Buffers.Binary;
using System.IO.Compression;
using Seer.Toolkit.Components.Datasets;

namespace Seer.Toolkit.Tests.Datasets;

/// <summary>IDX files written byte by byte in the test, and the installed Fashion-MNIST.</summary>
public sealed class IdxDatasetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seer-idx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Images(int n, int h, int w)
    {
        var b = new byte[16 + n * h * w];
        BinaryPrimitives.WriteInt32BigEndian(b, 0x0803);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), n);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(8), h);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(12), w);
        for (int i = 16; i < b.Length; i++) b[i] = (byte)(i * 7);
        return b;
    }

    private static byte[] Labels(params byte[] labels)
    {
        var b = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(b, 0x0801);
        BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4), labels.Length);
        labels.CopyTo(b, 8);
        return b;
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(raw);
        return ms.ToArray();
    }

    [Fact]
    public void Plain_and_gzipped_files_read_the_same()
    {
        var raw = Images(3, 4, 5);
        File.WriteAllBytes(Path.Combine(_dir, "a"), raw);
        File.WriteAllBytes(Path.Combine(_dir, "a.gz"), Gzip(raw));
        var plain = IdxFile.ReadImages(Path.Combine(_dir, "a"));
        var zipped = IdxFile.ReadImages(Path.Combine(_dir, "a.gz"));
        Assert.Equal((3, 4, 5), (plain.Count, plain.Height, plain.Width));
        Assert.Equal(plain.Pixels, zipped.Pixels);
        Assert.Equal(raw.AsSpan(16 + 20, 20).ToArray(), plain.Image(1).ToArray());
    }

    [Fact]
    public void A_split_folder_loads_and_mismatched_counts_are_named()
    {
        File.WriteAllBytes(Path.Combine(_dir, "train-images-idx3-ubyte.gz"), Gzip(Images(3, 2, 2)));
        File.WriteAllBytes(Path.Combine(_dir, "train-labels-idx1-ubyte"), Labels(0, 2, 1));
        File.WriteAllBytes(Path.Combine(_dir, "t10k-images-idx3-ubyte"), Images(2, 2, 2));
        File.WriteAllBytes(Path.Combine(_dir, "t10k-labels-idx1-ubyte"), Labels(1, 0, 2));
        var e = Assert.Throws<InvalidDataException>(() => IdxDatasets.Load("fashion-mnist", _dir));
        Assert.Contains("t10k has 2 images but 3 labels", e.Message);
        File.WriteAllBytes(Path.Combine(_dir, "t10k-labels-idx1-ubyte"), Labels(1, 0));
        var splits = IdxDatasets.Load("fashion-mnist", _dir);
        Assert.Equal(3, splits.Train.Count);
        Assert.Equal(3, splits.Train.Classes);
        Assert.Equal(new byte[] { 1, 0 }, splits.Test.Labels);
    }

    [Fact]
    public void Corrupt_files_are_named_in_the_error()
    {
        var path = Path.Combine(_dir, "short");
        File.WriteAllBytes(path, Images(4, 3, 3)[..30]);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        File.WriteAllBytes(path, Labels(new byte[20]));
        e = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));
        Assert.Contains("magic", e.Message);
        Assert.Throws<ArgumentException>(() => IdxDatasets.Load("imagenet"));
    }

    [Fact]
    public void Installed_fashion_mnist_has_its_published_sizes()
    {
        // .ci/run installs Debian's dataset-fashion-mnist; its absence is a failure with the install hint, not a skip.
        var splits = IdxDatasets.Load("fashion-mnist");
        Assert.Equal(60_000, splits.Train.Count);
        Assert.Equal(10_000, splits.Test.Count);
        Assert.Equal((28, 28), (splits.Train.Images.Height, splits.Train.Images.Width));
        Assert.Equal(10, splits.Train.Classes);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6000, splits.Train.Labels.Count(l => l == c)));
    }
}
