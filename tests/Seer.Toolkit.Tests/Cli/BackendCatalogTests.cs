using Microsoft.Extensions.DependencyInjection;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.Ilgpu;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Hosts.Console.Composition;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.Cli;

/// <summary>The CLI's backend registry: names are looked up case-insensitively, each (name, device) is created once and disposed with it.</summary>
public sealed class BackendCatalogTests
{
    [Fact]
    public void Each_name_and_device_is_created_once_and_unknown_names_are_refused_by_name()
    {
        var created = new List<Device>();
        using var catalog = new BackendCatalog(new Dictionary<string, Func<Device, IBackend>>
        {
            ["torchsharp"] = d => { created.Add(d); return new TorchBackend(); },
        });
        var first = catalog.Get("torchsharp", Device.Cpu);
        Assert.Same(first, catalog.Get(" TorchSharp ", Device.Cpu));
        Assert.NotSame(first, catalog.Get("torchsharp", new Device(DeviceKind.Cpu, 1)));
        Assert.Equal([Device.Cpu, new Device(DeviceKind.Cpu, 1)], created);
        var error = Assert.Throws<ArgumentException>(() => catalog.Get("jax", Device.Cpu));
        Assert.Contains("unknown backend 'jax' (expected torchsharp)", error.Message);
    }

    [Fact]
    public void Disposing_the_catalog_disposes_the_backends_it_created()
    {
        var ilgpu = new IlgpuBackend();
        var catalog = new BackendCatalog(new Dictionary<string, Func<Device, IBackend>> { ["ilgpu"] = _ => ilgpu });
        catalog.Get("ilgpu", Device.Cpu).Zeros([1]).Dispose();
        catalog.Dispose();
        Assert.ThrowsAny<ObjectDisposedException>(() => ilgpu.Zeros([1]));
    }

    [Fact]
    public void The_cli_registers_torchsharp_first_and_ilgpu()
    {
        using var services = new ServiceCollection().AddSeerBackends().BuildServiceProvider();
        var provider = services.GetRequiredService<IBackendProvider>();
        Assert.Equal(["torchsharp", "ilgpu"], provider.Names);
        Assert.Equal("ilgpu", provider.Get("ilgpu", Device.Cpu).Name);
    }
}
