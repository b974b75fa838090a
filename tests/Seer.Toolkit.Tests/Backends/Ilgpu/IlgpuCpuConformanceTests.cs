using Seer.Toolkit.Backends.Ilgpu;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>One ILGPU backend on the CPU accelerator, shared by the tests of a class (kernels compile once).</summary>
public sealed class IlgpuCpuBackendFixture : IDisposable
{
    /// <summary>The backend under test.</summary>
    public IlgpuBackend Backend { get; } = new();

    /// <inheritdoc />
    public void Dispose() => Backend.Dispose();
}

/// <summary>The conformance suite on the ILGPU CPU accelerator.</summary>
public sealed class IlgpuCpuConformanceTests(IlgpuCpuBackendFixture fixture)
    : BackendConformanceTests(fixture.Backend), IClassFixture<IlgpuCpuBackendFixture>;
