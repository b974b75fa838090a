using Seer.Toolkit.Tensors;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Tests.Weights;

public sealed class SafetensorsHandBuiltFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reader_decodes_a_file_assembled_byte_by_byte()
    {
        const string header =
            "{\"__metadata__\":{\"format\":\"pt\"}," +
            "\"b\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[4,12]}," +
            "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}," +
            "\"e\":{\"dtype\":\"BF16\",\"shape\":[0,3],\"data_offsets\":[12,12]}}";
        byte[] data =
        [
            0x00, 0x00, 0x80, 0x3F, // a = 1.0f
            0x07, 0x00, 0x00, 0x00, // b[0] = 7
            0xFE, 0xFF, 0xFF, 0xFF, // b[1] = -2
        ];
        var path = _dir.File("hand.safetensors");
        RawSafetensorsFile.Write(path, header, data);

        using var reader = SafetensorsReader.Open(path);
        Assert.Equal(["a", "b", "e"], reader.Entries.Select(e => e.Name));
        Assert.Equal(8 + header.Length, reader.DataStart);
        Assert.Equal("pt", reader.Metadata["format"]);

        var a = reader.Get("a");
        Assert.Equal(DType.Float32, a.DType);
        Assert.Empty(a.Shape);
        Assert.Equal(new byte[] { 0x00, 0x00, 0x80, 0x3F }, reader.ReadBytes("a"));

        var b = reader.Get("b");
        Assert.Equal(DType.Int32, b.DType);
        Assert.Equal([2L], b.Shape);
        Assert.Equal(8, b.ByteLength);
        Assert.Equal(data[4..12], reader.ReadBytes("b"));

        var e = reader.Get("e");
        Assert.Equal(DType.BFloat16, e.DType);
        Assert.Equal([0L, 3L], e.Shape);
        Assert.Empty(reader.ReadBytes("e"));
    }

    [Fact]
    public void Padded_header_with_whitespace_and_extra_fields_is_accepted()
    {
        const string header = "{ \"w\" : { \"data_offsets\" : [0, 2], \"shape\" : [2], \"dtype\" : \"U8\", \"note\": \"extra\" } }      ";
        var path = _dir.File("padded.safetensors");
        RawSafetensorsFile.Write(path, header, [5, 6]);

        using var reader = SafetensorsReader.Open(path);
        Assert.Equal(new byte[] { 5, 6 }, reader.ReadBytes("w"));
    }

    [Fact]
    public void Gap_between_tensors_and_trailing_bytes_are_tolerated()
    {
        const string header = "{\"x\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},\"y\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[3,4]}}";
        var path = _dir.File("gap.safetensors");
        RawSafetensorsFile.Write(path, header, [1, 0, 0, 2, 9, 9]);

        using var reader = SafetensorsReader.Open(path);
        Assert.Equal(new byte[] { 1 }, reader.ReadBytes("x"));
        Assert.Equal(new byte[] { 2 }, reader.ReadBytes("y"));
    }

    [Fact]
    public void Writer_output_matches_a_hand_assembled_file()
    {
        var written = _dir.File("written.safetensors");
        SafetensorsWriter.Write(written, [("a", DType.Float32, Array.Empty<long>(), new byte[] { 0, 0, 0x80, 0x3F })]);

        const string json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}";
        var padded = json + new string(' ', (8 - json.Length % 8) % 8);
        var expected = _dir.File("expected.safetensors");
        RawSafetensorsFile.Write(expected, padded, [0, 0, 0x80, 0x3F]);

        Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(written));
    }
}
