using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Tests.Weights;

public sealed class SafetensorsCorruptionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private SafetensorsFormatException OpenFails(string path)
    {
        var ex = Assert.Throws<SafetensorsFormatException>(() => SafetensorsReader.Open(path).Dispose());
        Assert.Contains(path, ex.Message);
        Assert.Equal(path, ex.FilePath);
        return ex;
    }

    private SafetensorsFormatException HeaderFails(string header, byte[] data, string expectedTensor)
    {
        var path = _dir.File("bad.safetensors");
        RawSafetensorsFile.Write(path, header, data);
        var ex = OpenFails(path);
        Assert.Equal(expectedTensor, ex.TensorName);
        Assert.Contains($"'{expectedTensor}'", ex.Message);
        return ex;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(7)]
    public void File_shorter_than_8_bytes(int length)
    {
        var path = _dir.File("short.safetensors");
        File.WriteAllBytes(path, new byte[length]);
        Assert.Contains("shorter than", OpenFails(path).Message);
    }

    [Fact]
    public void Header_length_larger_than_file()
    {
        var path = _dir.File("long.safetensors");
        RawSafetensorsFile.Write(path, "{}", [], declaredLength: 64);
        Assert.Contains("larger than", OpenFails(path).Message);
    }

    [Fact]
    public void Header_length_over_100_MB()
    {
        var path = _dir.File("huge.safetensors");
        RawSafetensorsFile.Write(path, "{}", [], declaredLength: 100_000_001);
        Assert.Contains("limit", OpenFails(path).Message);
    }

    [Fact]
    public void Header_length_near_u64_max_does_not_overflow()
    {
        var path = _dir.File("max.safetensors");
        RawSafetensorsFile.Write(path, "{}", [], declaredLength: ulong.MaxValue);
        OpenFails(path);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"a\":")]
    [InlineData("")]
    [InlineData("\"just a string\"")]
    [InlineData("[1,2]")]
    public void Header_that_is_not_a_json_object(string header)
    {
        var path = _dir.File("json.safetensors");
        RawSafetensorsFile.Write(path, header, []);
        Assert.Null(OpenFails(path).TensorName);
    }

    [Fact]
    public void Missing_dtype() =>
        HeaderFails("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4], "w");

    [Fact]
    public void Unknown_dtype()
    {
        var ex = HeaderFails("{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", new byte[1], "w");
        Assert.Contains("F8_E4M3", ex.Message);
    }

    [Fact]
    public void Dtype_not_a_string() =>
        HeaderFails("{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4], "w");

    [Fact]
    public void Missing_shape() =>
        HeaderFails("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", new byte[4], "w");

    [Fact]
    public void Shape_not_an_array() =>
        HeaderFails("{\"w\":{\"dtype\":\"F32\",\"shape\":4,\"data_offsets\":[0,4]}}", new byte[4], "w");

    [Fact]
    public void Shape_with_non_integer_dim() =>
        HeaderFails("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", new byte[4], "w");

    [Fact]
    public void Negative_dim()
    {
        var ex = HeaderFails("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", [], "w");
        Assert.Contains("negative", ex.Message);
    }

    [Fact]
    public void Missing_data_offsets() =>
        HeaderFails("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4], "w");

    [Fact]
    public void Data_offsets_not_a_pair() =>
        HeaderFails("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", new byte[8], "w");

    [Fact]
    public void Negative_offset() =>
        HeaderFails("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[-1,0]}}", new byte[1], "w");

    [Fact]
    public void End_before_begin() =>
        HeaderFails("{\"w\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[4,2]}}", new byte[4], "w");

    [Fact]
    public void Offsets_past_end_of_file()
    {
        var ex = HeaderFails("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[12], "w");
        Assert.Contains("past the data section", ex.Message);
    }

    [Fact]
    public void Length_not_matching_shape_times_dtype_size()
    {
        var ex = HeaderFails("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}", new byte[16], "w");
        Assert.Contains("needs 16", ex.Message);
    }

    [Fact]
    public void Overlapping_tensors()
    {
        var ex = HeaderFails(
            "{\"first\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},\"second\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[2,6]}}",
            new byte[6], "second");
        Assert.Contains("'first'", ex.Message);
    }

    [Fact]
    public void Entry_not_an_object() =>
        HeaderFails("{\"w\":[1,2,3]}", [], "w");

    [Fact]
    public void Duplicate_tensor_name() =>
        HeaderFails("{\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]},\"w\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[1,2]}}",
            new byte[2], "w");

    [Fact]
    public void Metadata_with_non_string_value()
    {
        var path = _dir.File("meta.safetensors");
        RawSafetensorsFile.Write(path, "{\"__metadata__\":{\"epoch\":3}}", []);
        Assert.Contains("epoch", OpenFails(path).Message);
    }

    [Fact]
    public void Shape_whose_byte_size_overflows() =>
        HeaderFails("{\"w\":{\"dtype\":\"F64\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,8]}}", new byte[8], "w");
}
