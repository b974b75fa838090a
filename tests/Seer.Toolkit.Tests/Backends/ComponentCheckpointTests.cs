using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Components;
using Seer.Toolkit.Tensors;
using Seer.Toolkit.Weights;
using RegNetModel = Seer.Toolkit.Components.RegNet.RegNet;

namespace Seer.Toolkit.Tests.Backends;

/// <summary>RegNet state through safetensors: exact round trip, foreign naming schemes, and named mismatches.</summary>
public sealed class ComponentCheckpointTests : IDisposable
{
    private readonly IBackend _backend = new TorchBackend();
    private readonly string _dir = Directory.CreateTempSubdirectory("seer-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RegNetModel Model(long seed, int classes = 5) => RegNetModel.FromPreset("regnety_micro", classes).Materialize(_backend, seed);

    private static Dictionary<string, byte[]> Bytes(IComponent c) =>
        c.StateSlots().ToDictionary(kv => kv.Key, kv => kv.Value.Value.Backend.ToBytes(kv.Value.Value));

    [Fact]
    public void Round_trip_is_bit_exact_and_diff_reports_zero()
    {
        var source = Model(1);
        var path = Path.Combine(_dir, "a.safetensors");
        ComponentCheckpoint.Save(source, path, new Dictionary<string, string> { ["arch"] = "regnety_micro" });

        var target = Model(2);
        Assert.NotEqual(Bytes(source)["stem.0.weight"], Bytes(target)["stem.0.weight"]);
        var report = ComponentCheckpoint.Load(target, path);
        Assert.Equal(CheckpointFormat.Torchvision, report.Format);
        Assert.Equal(source.StateSlots().Count, report.Loaded);
        var expected = Bytes(source);
        foreach (var (name, bytes) in Bytes(target)) Assert.True(expected[name].AsSpan().SequenceEqual(bytes), name);

        var again = Path.Combine(_dir, "b.safetensors");
        ComponentCheckpoint.Save(target, again);
        var diff = CheckpointDiff.Compare(path, again);
        Assert.Equal(0, diff.MaxAbs);
        Assert.Equal(expected.Count, diff.KeysCompared);
    }

    [Theory]
    [InlineData(CheckpointFormat.Timm)]
    [InlineData(CheckpointFormat.Vissl)]
    public void A_file_with_foreign_key_names_loads_after_remap(CheckpointFormat format)
    {
        // SEER checkpoints are trunks: their heads ("heads.*") are not RegNet state.
        int classes = format == CheckpointFormat.Vissl ? 0 : 5;
        var source = Model(3, classes);
        var path = Path.Combine(_dir, $"{format}.safetensors");
        // Re-key the state as that library would name it (VISSL checkpoints also wrap the trunk in "trunk.").
        var tensors = source.StateSlots()
            .Select(kv =>
            {
                var name = CheckpointKeyRemap.FromCanonical(kv.Key, format);
                if (format == CheckpointFormat.Vissl) name = "trunk." + name;
                var t = kv.Value.Value;
                return (name, t.DType, t.Shape, (ReadOnlyMemory<byte>)_backend.ToBytes(t));
            })
            .ToList();
        Assert.DoesNotContain(tensors, t => t.name == "stem.0.weight");
        SafetensorsWriter.Write(path, tensors);

        var target = Model(4, classes);
        var report = ComponentCheckpoint.Load(target, path);
        Assert.Equal(format, report.Format);
        var expected = Bytes(source);
        foreach (var (name, bytes) in Bytes(target)) Assert.True(expected[name].AsSpan().SequenceEqual(bytes), name);
    }

    [Fact]
    public void A_mis_shaped_key_is_named_and_nothing_is_changed()
    {
        var path = Path.Combine(_dir, "five.safetensors");
        ComponentCheckpoint.Save(Model(5, classes: 5), path);
        var target = Model(6, classes: 7);
        var before = Bytes(target);
        var e = Assert.Throws<CheckpointMismatchException>(() => ComponentCheckpoint.Load(target, path));
        Assert.Contains("fc.weight", e.Message);
        Assert.Contains("fc.bias", e.Message);
        Assert.Equal(2, e.Result.ShapeMismatches.Count);
        foreach (var (name, bytes) in Bytes(target)) Assert.True(before[name].AsSpan().SequenceEqual(bytes), name);
    }

    [Fact]
    public void Missing_head_can_be_allowed_for_trunk_checkpoints()
    {
        var path = Path.Combine(_dir, "trunk.safetensors");
        ComponentCheckpoint.Save(Model(7, classes: 0), path);
        var target = Model(8, classes: 4);
        var e = Assert.Throws<CheckpointMismatchException>(() => ComponentCheckpoint.Load(target, path));
        Assert.Contains("fc.weight", e.Message);
        var report = ComponentCheckpoint.Load(target, path, new StateMatchOptions { AllowMissingHead = true });
        Assert.Equal(Model(7, classes: 0).StateSlots().Count, report.Loaded);
    }

    [Fact]
    public void Components_outside_the_regnet_naming_schemes_round_trip_by_their_own_names()
    {
        var source = new Seer.Toolkit.Tests.Components.ScaledResidual(3).Materialize(_backend, 1);
        var path = Path.Combine(_dir, "block.safetensors");
        ComponentCheckpoint.Save(source, path);
        var target = new Seer.Toolkit.Tests.Components.ScaledResidual(3).Materialize(_backend, 2);
        var report = ComponentCheckpoint.Load(target, path);
        Assert.Equal(source.StateSlots().Count, report.Loaded);
        var expected = Bytes(source);
        foreach (var (name, bytes) in Bytes(target)) Assert.True(expected[name].AsSpan().SequenceEqual(bytes), name);
    }

    [Fact]
    public void Bf16_state_round_trips_through_a_float32_model()
    {
        var source = Model(9);
        source.MoveTo(Device.Cpu, DType.BFloat16);
        var path = Path.Combine(_dir, "bf16.safetensors");
        ComponentCheckpoint.Save(source, path);
        using (var reader = SafetensorsReader.Open(path))
            Assert.Equal(DType.BFloat16, reader.Get("stem.0.weight").DType);
        var target = Model(10);
        ComponentCheckpoint.Load(target, path);
        var w = target.NamedParameters().Single(kv => kv.Key == "stem.0.weight").Value.Value;
        Assert.Equal(DType.Float32, w.DType);
        var src = source.NamedParameters().Single(kv => kv.Key == "stem.0.weight").Value.Value.ToFloatArray();
        Assert.Equal(src, w.ToFloatArray());                     // bf16 values are exactly representable in fp32
    }
}
