using System.Buffers.Binary;
using System.Text;
using Seer.Toolkit.Tensors;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Tests.Weights;

public sealed class SafetensorsRoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<DType> AllDTypes() => new(Enum.GetValues<DType>());

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void Every_dtype_and_shape_round_trips_byte_for_byte(DType dtype)
    {
        long[][] shapes = [[2, 3], [], [0], [3, 0, 2], [5], [1, 1, 4]];
        var random = new Random(1234);
        var tensors = new List<(string Name, DType DType, long[] Shape, ReadOnlyMemory<byte> Data)>();
        for (var i = 0; i < shapes.Length; i++)
        {
            var count = shapes[i].Aggregate(1L, (a, d) => a * d);
            var bytes = new byte[count * dtype.SizeOf()];
            random.NextBytes(bytes);
            if (dtype == DType.Bool) for (var k = 0; k < bytes.Length; k++) bytes[k] &= 1;
            tensors.Add(($"t{i}", dtype, shapes[i], bytes));
        }
        var path = _dir.File("all.safetensors");

        SafetensorsWriter.Write(path, tensors);

        using var reader = SafetensorsReader.Open(path);
        Assert.Equal(tensors.Select(t => t.Name), reader.Entries.Select(e => e.Name));
        foreach (var t in tensors)
        {
            var record = reader.Get(t.Name);
            Assert.Equal(dtype, record.DType);
            Assert.Equal(t.Shape, record.Shape);
            Assert.Equal(t.Data.Length, record.ByteLength);
            Assert.Equal(t.Data.ToArray(), reader.ReadBytes(t.Name));
            var into = new byte[record.ByteLength];
            reader.ReadInto(t.Name, into);
            Assert.Equal(t.Data.ToArray(), into);
        }
    }

    [Fact]
    public void Scalar_has_empty_shape_and_one_element()
    {
        var path = _dir.File("scalar.safetensors");
        var bytes = BitConverter.GetBytes(3.5f);
        SafetensorsWriter.Write(path, [("s", DType.Float32, Array.Empty<long>(), bytes)]);

        using var reader = SafetensorsReader.Open(path);
        var record = reader.Get("s");
        Assert.Empty(record.Shape);
        Assert.Equal(1, record.ElementCount);
        Assert.Equal(3.5f, BinaryPrimitives.ReadSingleLittleEndian(reader.ReadBytes("s")));
    }

    [Fact]
    public void Partial_reads_return_the_requested_slice()
    {
        var path = _dir.File("slice.safetensors");
        var data = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray();
        SafetensorsWriter.Write(path, [("a", DType.UInt8, [4L], new byte[] { 9, 9, 9, 9 }), ("b", DType.Int32, [10L], data)]);

        using var reader = SafetensorsReader.Open(path);
        var slice = new byte[8];
        reader.ReadInto("b", 12, slice);
        Assert.Equal(data[12..20], slice);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadInto("b", 36, new byte[8]));
        Assert.Throws<ArgumentException>(() => reader.ReadInto("b", new byte[39]));
    }

    [Fact]
    public void Metadata_round_trips_including_escapes_and_unicode()
    {
        var path = _dir.File("meta.safetensors");
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["note"] = "quote \" backslash \\ newline \n tab \t",
            ["unicode"] = "Größe ✓ 重み",
            ["empty"] = "",
        };
        SafetensorsWriter.Write(path, [("x", DType.Float32, [1L], new byte[4])], metadata);

        using var reader = SafetensorsReader.Open(path);
        Assert.Equal(metadata.OrderBy(p => p.Key, StringComparer.Ordinal), reader.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void File_without_metadata_reads_as_empty_metadata()
    {
        var path = _dir.File("nometa.safetensors");
        SafetensorsWriter.Write(path, [("x", DType.Float32, [1L], new byte[4])]);
        using var reader = SafetensorsReader.Open(path);
        Assert.Empty(reader.Metadata);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Header_is_space_padded_to_a_multiple_of_8(int nameLength)
    {
        var path = _dir.File("aligned.safetensors");
        SafetensorsWriter.Write(path, [(new string('n', nameLength), DType.UInt8, [3L], new byte[] { 1, 2, 3 })]);

        var bytes = File.ReadAllBytes(path);
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        Assert.Equal(8 + n + 3, bytes.Length);
        var header = Encoding.UTF8.GetString(bytes, 8, n);
        var jsonEnd = header.LastIndexOf('}') + 1;
        Assert.True(header[jsonEnd..].All(c => c == ' '));
        Assert.True(n - jsonEnd < 8);
        Assert.Equal(new byte[] { 1, 2, 3 }, bytes[(8 + n)..]);
    }

    [Fact]
    public void Tensors_are_laid_out_in_the_given_order()
    {
        var path = _dir.File("order.safetensors");
        SafetensorsWriter.Write(path,
        [
            ("zeta", DType.UInt8, [1L], new byte[] { 1 }),
            ("alpha", DType.UInt8, [1L], new byte[] { 2 }),
            ("mid", DType.UInt8, [1L], new byte[] { 3 }),
        ]);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 1, 2, 3 }, bytes[^3..]);
        using var reader = SafetensorsReader.Open(path);
        Assert.Equal(["zeta", "alpha", "mid"], reader.Entries.Select(e => e.Name));
    }

    [Fact]
    public void Streaming_overload_writes_data_from_callbacks()
    {
        var path = _dir.File("stream.safetensors");
        TensorRecord[] records = [TensorRecord.For("a", DType.Float32, [2, 2]), TensorRecord.For("b", DType.Int64, [3])];
        SafetensorsWriter.Write(path, records, (record, stream) =>
        {
            for (var i = 0; i < record.ByteLength; i++) stream.WriteByte((byte)(record.Name[0] + i));
        });

        using var reader = SafetensorsReader.Open(path);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (byte)('a' + i)), reader.ReadBytes("a"));
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (byte)('b' + i)), reader.ReadBytes("b"));
    }

    [Fact]
    public void Writer_rejects_wrong_data_length_duplicates_and_reserved_name()
    {
        var path = _dir.File("bad.safetensors");
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(path, [("a", DType.Float32, [2L], new byte[7])]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(path,
            [("a", DType.UInt8, [1L], new byte[1]), ("a", DType.UInt8, [1L], new byte[1])]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(path, [("__metadata__", DType.UInt8, [1L], new byte[1])]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(path, [("a", DType.UInt8, [-1L], new byte[0])]));
        Assert.Empty(_dir.FileNames());
    }

    [Fact]
    public void Unknown_tensor_name_is_reported_with_file()
    {
        var path = _dir.File("k.safetensors");
        SafetensorsWriter.Write(path, [("a", DType.UInt8, [1L], new byte[1])]);
        using var reader = SafetensorsReader.Open(path);
        var ex = Assert.Throws<KeyNotFoundException>(() => reader.ReadBytes("nope"));
        Assert.Contains("'nope'", ex.Message);
        Assert.Contains(path, ex.Message);
        Assert.False(reader.TryGet("nope", out _));
        Assert.True(reader.Contains("a"));
    }
}
