using Seer.Toolkit.Backends.Ilgpu;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>ILGPU-specific behaviour: explicit gaps, ownership checks, host copies and accelerator selection.</summary>
public sealed class IlgpuBackendTests(IlgpuCpuBackendFixture fixture) : IClassFixture<IlgpuCpuBackendFixture>
{
    private readonly IlgpuBackend _backend = fixture.Backend;

    [Fact]
    public void Ops_without_a_kernel_throw_naming_the_op()
    {
        using var x = _backend.Zeros([1, 1, 2, 2]);
        var conv = Assert.Throws<NotSupportedException>(() => _backend.Conv2d(x, x, null));
        Assert.Contains("Conv2d", conv.Message);
        var softmax = Assert.Throws<NotSupportedException>(() => _backend.Softmax(x, 1));
        Assert.Contains("Softmax", softmax.Message);
        Assert.Throws<NotSupportedException>(() => _backend.Zeros([2], DType.Float64));
    }

    [Fact]
    public void Tensors_of_another_backend_are_refused()
    {
        using var mine = _backend.Zeros([2]);
        var other = new TorchBackend().Zeros([2]);
        var error = Assert.Throws<ArgumentException>(() => _backend.Add(mine, other));
        Assert.Contains("torchsharp", error.Message);
        using var second = new IlgpuBackend();
        using var foreign = second.Zeros([2]);
        Assert.Throws<ArgumentException>(() => _backend.Add(mine, foreign));
    }

    [Fact]
    public void Host_copies_round_trip_and_item_reads_one_element()
    {
        float[] values = [1.5f, -2.25f, 3e-3f, 7f, 0f, -0f];
        using var t = _backend.FromArray(values, [2, 3]);
        Assert.Equal(values, t.ToFloatArray());
        Assert.Equal(values.Select(v => (double)v), t.ToDoubleArray());
        Assert.Equal(values.SelectMany(BitConverter.GetBytes), _backend.ToBytes(t));
        using var sum = _backend.Sum(t);
        Assert.Equal(values.Sum(v => (double)v), sum.Item(), 5);
        Assert.Throws<ArgumentException>(() => t.Item());
        Assert.Throws<ArgumentException>(() => _backend.FromArray(values, [4, 2]));
    }

    [Fact]
    public void Tensors_report_the_backend_and_its_cpu_device()
    {
        using var t = _backend.Full([3], 2.0);
        Assert.Equal("ilgpu", t.Backend.Name);
        Assert.Equal(Device.Cpu, t.Device);
        Assert.Equal(DType.Float32, t.DType);
        Assert.True(_backend.Threads > 0);
    }

    [Fact]
    public void A_missing_accelerator_is_an_error_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new IlgpuBackend(new IlgpuBackendOptions { Device = new Device(DeviceKind.Cuda, 64) }));
        Assert.Contains("cuda:64", error.Message);
    }
}
