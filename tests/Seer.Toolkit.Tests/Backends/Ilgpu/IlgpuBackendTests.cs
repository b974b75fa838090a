using Microsoft.Extensions.DependencyInjection;
using Seer.Toolkit.Backends;
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
        using var x = _backend.Zeros([2, 3]);
        var autocast = Assert.Throws<NotSupportedException>(() => _backend.Autocast(DType.BFloat16));
        Assert.Contains("Autocast", autocast.Message);
        using var counter = _backend.Zeros([2], DType.Int64);
        var relu = Assert.Throws<NotSupportedException>(() => _backend.Relu(counter));
        Assert.Contains("Int64", relu.Message);
        var backward = Assert.Throws<NotSupportedException>(() => _backend.SetRequiresGrad(x, true));
        Assert.Contains("autodiff", backward.Message);
    }

    [Fact]
    public void Tensors_of_other_dtypes_support_counters_casts_and_joins()
    {
        using var counter = _backend.Zeros([], DType.Int64);
        _backend.AddScalarInPlace(counter, 1);
        _backend.AddScalarInPlace(counter, 2.7);                               // integers take the integral part
        Assert.Equal(DType.Int64, counter.DType);
        Assert.Equal(3.0, counter.Item());
        Assert.Equal(BitConverter.GetBytes(3L), _backend.ToBytes(counter));

        using var x = _backend.FromArray([1.5f, -2.25f], [2]);
        var wide = _backend.Cast(x, DType.Float64);
        Assert.Equal(DType.Float64, wide.DType);
        var joined = _backend.Cat([_backend.Reshape(wide, [2, 1]), _backend.FromArray([4.0, 1e-300], [2, 1])], 0);
        Assert.Equal([1.5, -2.25, 4.0, 1e-300], _backend.ToDoubleArray(joined));
        Assert.Equal([-2.25, 4.0], _backend.ToDoubleArray(_backend.Narrow(joined, 0, 1, 2)));
        var back = _backend.Cast(_backend.FromArray([7L, -3L], [2]), DType.Float32);
        Assert.Equal([7f, -3f], back.ToFloatArray());
        Assert.Same(x, _backend.Cast(x, DType.Float32));
    }

    [Fact]
    public void Random_fills_depend_only_on_the_seed_and_have_the_requested_moments()
    {
        using var u1 = _backend.RandomUniform([4096], -1, 3, seed: 7);
        using var u2 = _backend.RandomUniform([4096], -1, 3, seed: 7);
        using var u3 = _backend.RandomUniform([4096], -1, 3, seed: 8);
        var a = u1.ToFloatArray();
        Assert.Equal(a, u2.ToFloatArray());
        Assert.NotEqual(a, u3.ToFloatArray());
        Assert.All(a, v => Assert.InRange(v, -1f, 3f));
        Assert.InRange(a.Average(), 0.9, 1.1);                                  // mean 1, σ of the mean ≈ 0.018
        using var n = _backend.RandomNormal([4096], 0.5, 2, seed: 7);
        var z = n.ToFloatArray();
        double mean = z.Average(), std = Math.Sqrt(z.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, 0.35, 0.65);                                       // σ of the mean ≈ 0.031
        Assert.InRange(std, 1.9, 2.1);
        Assert.All(z, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Scopes_release_what_they_allocated_except_kept_and_persisted_tensors()
    {
        IlgpuTensor inner, kept, persisted, outer;
        using (_backend.NewScope())
        {
            outer = (IlgpuTensor)_backend.Zeros([2]);
            using (_backend.NewScope())
            {
                inner = (IlgpuTensor)_backend.Zeros([2]);
                kept = (IlgpuTensor)_backend.Keep(_backend.Zeros([2]));
                persisted = (IlgpuTensor)_backend.Persist(_backend.Zeros([2]));
            }
            Assert.True(inner.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.False(outer.IsDisposed);
        }
        Assert.True(kept.IsDisposed);
        Assert.True(outer.IsDisposed);
        Assert.False(persisted.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => _backend.Relu(inner));
        persisted.Dispose();
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
    public void ArgMax_returns_int64_indices_and_cross_entropy_refuses_out_of_range_targets()
    {
        using var x = _backend.FromArray([0.5f, 2f, -1f, 7f, 7f, 1f], [2, 3]);
        var indices = _backend.ArgMax(x, 1);
        Assert.Equal(DType.Int64, indices.DType);
        Assert.Equal([1.0, 0.0], _backend.ToDoubleArray(indices));
        var error = Assert.Throws<ArgumentException>(() => _backend.CrossEntropy(x, _backend.FromArray([1L, 3L], [2])));
        Assert.Contains("target 3 of row 1", error.Message);
    }

    [Fact]
    public void Setting_threads_is_accepted_without_changing_the_accelerator_and_rejects_less_than_one()
    {
        int threads = _backend.Threads;
        _backend.Threads = threads + 3;
        Assert.Equal(threads, _backend.Threads);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _backend.Threads = 0);
        Assert.Contains("got 0", error.Message);
    }

    [Fact]
    public void Without_dynamic_code_the_backend_refuses_to_start_and_says_why()
    {
        IlgpuBackend.EnsureDynamicCode(true);
        var error = Assert.Throws<PlatformNotSupportedException>(() => IlgpuBackend.EnsureDynamicCode(false));
        Assert.Contains("NativeAOT", error.Message);
        Assert.Contains("ILGPU#847", error.Message);
    }

    [Fact]
    public void The_registered_backend_is_differentiable_ilgpu()
    {
        using var provider = new ServiceCollection().AddIlgpuBackend().BuildServiceProvider();
        var backend = provider.GetRequiredService<IBackend>();
        Assert.Equal("ilgpu", backend.Name);
        var w = backend.FromArray([1f, -2f, 3f], [3]);
        backend.SetRequiresGrad(w, true);
        backend.Backward(backend.Sum(backend.Mul(w, w)));
        Assert.Equal([2f, -4f, 6f], backend.Grad(w)!.ToFloatArray());
    }

    [Fact]
    public void A_missing_accelerator_is_an_error_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new IlgpuBackend(new IlgpuBackendOptions { Device = new Device(DeviceKind.Cuda, 64) }));
        Assert.Contains("cuda:64", error.Message);
    }
}
