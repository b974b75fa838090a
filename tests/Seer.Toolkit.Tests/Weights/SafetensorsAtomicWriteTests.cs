using Seer.Toolkit.Tensors;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Tests.Weights;

public sealed class SafetensorsAtomicWriteTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteOriginal()
    {
        var path = _dir.File("ckpt.safetensors");
        SafetensorsWriter.Write(path, [("keep", DType.UInt8, [3L], new byte[] { 7, 8, 9 })]);
        return path;
    }

    [Fact]
    public void Throwing_callback_leaves_previous_file_intact_and_no_temp_file()
    {
        var path = WriteOriginal();
        var before = File.ReadAllBytes(path);
        TensorRecord[] records = [TensorRecord.For("a", DType.Float32, [256]), TensorRecord.For("b", DType.Float32, [256])];

        var ex = Assert.Throws<InvalidOperationException>(() => SafetensorsWriter.Write(path, records, (record, stream) =>
        {
            if (record.Name == "b")
            {
                stream.Write(new byte[100]);
                throw new InvalidOperationException("simulated crash");
            }
            stream.Write(new byte[record.ByteLength]);
        }));

        Assert.Equal("simulated crash", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["ckpt.safetensors"], _dir.FileNames());
        using var reader = SafetensorsReader.Open(path);
        Assert.Equal(new byte[] { 7, 8, 9 }, reader.ReadBytes("keep"));
    }

    [Fact]
    public void Callback_writing_too_few_bytes_is_rejected_without_touching_the_file()
    {
        var path = WriteOriginal();
        var before = File.ReadAllBytes(path);

        var ex = Assert.Throws<InvalidOperationException>(() =>
            SafetensorsWriter.Write(path, [TensorRecord.For("short", DType.Int64, [2])], (_, stream) => stream.Write(new byte[15])));

        Assert.Contains("'short'", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["ckpt.safetensors"], _dir.FileNames());
    }

    [Fact]
    public void Callback_writing_too_many_bytes_is_rejected_without_touching_the_file()
    {
        var path = WriteOriginal();
        var before = File.ReadAllBytes(path);

        var ex = Assert.Throws<InvalidOperationException>(() =>
            SafetensorsWriter.Write(path, [TensorRecord.For("long", DType.UInt8, [2])], (_, stream) => stream.Write(new byte[3])));

        Assert.Contains("'long'", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["ckpt.safetensors"], _dir.FileNames());
    }

    [Fact]
    public void Failed_first_write_creates_nothing()
    {
        var path = _dir.File("new.safetensors");
        Assert.Throws<IOException>(() =>
            SafetensorsWriter.Write(path, [TensorRecord.For("a", DType.UInt8, [1])], (_, _) => throw new IOException("disk full")));
        Assert.Empty(_dir.FileNames());
    }

    [Fact]
    public void Successful_write_replaces_the_old_file()
    {
        var path = WriteOriginal();
        SafetensorsWriter.Write(path, [("fresh", DType.UInt8, [1L], new byte[] { 42 })]);

        Assert.Equal(["ckpt.safetensors"], _dir.FileNames());
        using var reader = SafetensorsReader.Open(path);
        Assert.False(reader.Contains("keep"));
        Assert.Equal(new byte[] { 42 }, reader.ReadBytes("fresh"));
    }
}
