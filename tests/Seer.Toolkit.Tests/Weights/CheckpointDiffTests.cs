using System.Buffers.Binary;
using System.Text.Json;
using Seer.Toolkit.Tensors;
using Seer.Toolkit.Weights;

namespace Seer.Toolkit.Tests.Weights;

public sealed class CheckpointDiffTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] F32(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    private static byte[] Bf16(params ushort[] bits)
    {
        var bytes = new byte[bits.Length * 2];
        for (var i = 0; i < bits.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), bits[i]);
        return bytes;
    }

    private string Write(string name, params (string Name, DType DType, long[] Shape, ReadOnlyMemory<byte> Data)[] tensors)
    {
        var path = _dir.File(name);
        SafetensorsWriter.Write(path, tensors);
        return path;
    }

    [Fact]
    public void Identical_files_differ_by_zero()
    {
        (string, DType, long[], ReadOnlyMemory<byte>)[] tensors =
        [
            ("w", DType.Float32, [2L, 2], F32(1, -2, 0, 3.25f)),
            ("n", DType.Int64, [1L], BitConverter.GetBytes(5L)),
            ("empty", DType.Float32, [0L], Array.Empty<byte>()),
        ];
        var result = CheckpointDiff.Compare(Write("a.safetensors", tensors), Write("b.safetensors", tensors));

        Assert.Equal(3, result.KeysCompared);
        Assert.Equal(0, result.MaxAbs);
        Assert.Equal(0, result.MaxRel);
        Assert.Null(result.MaxAbsKey);
        Assert.Empty(result.Missing);
        Assert.Empty(result.Unexpected);
        Assert.Empty(result.ShapeMismatches);
    }

    [Fact]
    public void Single_changed_element_gives_hand_computed_abs_and_rel()
    {
        var a = Write("a.safetensors", ("w", DType.Float32, [4L], F32(1, 2, 4, -3)), ("v", DType.Float32, [2L], F32(10, 0)));
        var b = Write("b.safetensors", ("w", DType.Float32, [4L], F32(1, 2, 4.5f, -3)), ("v", DType.Float32, [2L], F32(10.25f, 0)));

        var result = CheckpointDiff.Compare(a, b);

        // w[2]: |4 - 4.5| = 0.5, relative 0.5 / 4.5; v[0]: |10 - 10.25| = 0.25, relative 0.25 / 10.25; v[1]: both 0.
        Assert.Equal(2, result.KeysCompared);
        Assert.Equal(0.5, result.MaxAbs);
        Assert.Equal(0.5 / 4.5, result.MaxRel);
        Assert.Equal("w", result.MaxAbsKey);
    }

    [Fact]
    public void Tensor_relative_difference_measures_against_the_largest_magnitude_of_each_tensor()
    {
        // "bias": a noise-sized element near 0 (1e-6 vs 2e-6) in a tensor whose scale is 0.5; "w": 4 vs 4.5 at scale 4.5.
        var a = Write("a.safetensors", ("bias", DType.Float32, [3L], F32(1e-6f, 0.5f, -0.25f)), ("w", DType.Float32, [2L], F32(4, 1)));
        var b = Write("b.safetensors", ("bias", DType.Float32, [3L], F32(2e-6f, 0.5f, -0.25f)), ("w", DType.Float32, [2L], F32(4.5f, 1)));

        var result = CheckpointDiff.Compare(a, b);

        Assert.Equal(0.5, result.MaxRel, 1e-6);                                    // element-wise: 1e-6 / 2e-6 dominates
        Assert.Equal(0.5 / 4.5, result.MaxRelTensor, 1e-7);                          // w: 0.5 / 4.5; bias: 1e-6 / 0.5
        Assert.Equal("w", result.MaxRelTensorKey);
        using var json = JsonDocument.Parse(result.ToJson());
        Assert.Equal(0.5 / 4.5, json.RootElement.GetProperty("max_rel_tensor").GetDouble(), 1e-7);
        Assert.Equal("w", json.RootElement.GetProperty("max_rel_tensor_key").GetString());
    }

    [Fact]
    public void Change_in_the_last_chunk_of_a_large_tensor_is_found()
    {
        var n = 70_001;
        var values = Enumerable.Range(0, n).Select(i => (float)i).ToArray();
        var changed = (float[])values.Clone();
        changed[^1] = values[^1] - 2;
        var result = CheckpointDiff.Compare(
            Write("a.safetensors", ("big", DType.Float32, [(long)n], F32(values))),
            Write("b.safetensors", ("big", DType.Float32, [(long)n], F32(changed))));

        Assert.Equal(2, result.MaxAbs);
        Assert.Equal(2.0 / 70_000, result.MaxRel);
    }

    [Fact]
    public void Missing_unexpected_and_shape_mismatches_are_reported()
    {
        var a = Write("a.safetensors",
            ("only_a", DType.Float32, [1L], F32(1)), ("both", DType.Float32, [1L], F32(1)), ("shape", DType.Float32, [2L], F32(1, 2)));
        var b = Write("b.safetensors",
            ("both", DType.Float32, [1L], F32(1)), ("only_b", DType.Float32, [1L], F32(1)), ("shape", DType.Float32, [1L, 2], F32(1, 2)));

        var result = CheckpointDiff.Compare(a, b);

        Assert.Equal(1, result.KeysCompared);
        Assert.Equal(["only_a"], result.Missing);
        Assert.Equal(["only_b"], result.Unexpected);
        var m = Assert.Single(result.ShapeMismatches);
        Assert.Equal("shape", m.Key);
        Assert.Equal([2L], m.Expected);
        Assert.Equal([1L, 2L], m.Found);
    }

    [Fact]
    public void Keys_are_compared_after_remapping_both_files()
    {
        var a = Write("tv.safetensors",
            ("stem.0.weight", DType.Float32, [2L], F32(1, 2)),
            ("trunk_output.block1.block1-0.f.se.fc1.bias", DType.Float32, [1L], F32(0.5f)));
        var b = Write("timm.safetensors",
            ("stem.conv.weight", DType.BFloat16, [2L], Bf16(0x3F80, 0x4000)),
            ("s1.b1.se.fc1.bias", DType.Float32, [1L], F32(0.75f)));

        var result = CheckpointDiff.Compare(a, b);

        Assert.Equal(2, result.KeysCompared);
        Assert.Empty(result.Missing);
        Assert.Empty(result.Unexpected);
        Assert.Equal(0.25, result.MaxAbs);
        Assert.Equal(0.25 / 0.75, result.MaxRel);
        Assert.Equal("trunk_output.block1.block1-0.f.se.fc1.bias", result.MaxAbsKey);
    }

    [Fact]
    public void Json_has_exactly_the_documented_keys()
    {
        var a = Write("a.safetensors", ("x", DType.Float32, [1L], F32(1)), ("gone", DType.UInt8, [1L], new byte[] { 1 }));
        var b = Write("b.safetensors", ("x", DType.Float32, [1L], F32(3)), ("new", DType.Bool, [1L], new byte[] { 1 }));

        using var doc = JsonDocument.Parse(CheckpointDiff.Compare(a, b).ToJson());
        var root = doc.RootElement;
        Assert.Equal(["keys_compared", "max_abs", "max_rel", "max_rel_tensor", "max_rel_tensor_key", "missing", "unexpected", "shape_mismatches"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("keys_compared").GetInt32());
        Assert.Equal(2.0, root.GetProperty("max_abs").GetDouble());
        Assert.Equal(2.0 / 3, root.GetProperty("max_rel").GetDouble());
        Assert.Equal(2.0 / 3, root.GetProperty("max_rel_tensor").GetDouble());
        Assert.Equal("x", root.GetProperty("max_rel_tensor_key").GetString());
        Assert.Equal(["gone"], root.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["new"], root.GetProperty("unexpected").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, root.GetProperty("shape_mismatches").GetArrayLength());
    }

    [Fact]
    public void Nan_against_number_is_infinite_and_serialises_as_a_string()
    {
        var a = Write("a.safetensors", ("x", DType.Float32, [2L], F32(float.NaN, 1)));
        var b = Write("b.safetensors", ("x", DType.Float32, [2L], F32(0, 1)));
        var c = Write("c.safetensors", ("x", DType.Float32, [2L], F32(float.NaN, 1)));

        var result = CheckpointDiff.Compare(a, b);
        Assert.Equal(double.PositiveInfinity, result.MaxAbs);
        using var doc = JsonDocument.Parse(result.ToJson());
        Assert.Equal("Infinity", doc.RootElement.GetProperty("max_abs").GetString());

        Assert.Equal(0, CheckpointDiff.Compare(a, c).MaxAbs);
    }
}
