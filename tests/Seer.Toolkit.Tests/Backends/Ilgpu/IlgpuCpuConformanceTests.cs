using Seer.Toolkit.Backends.Autodiff;
using Seer.Toolkit.Backends.Ilgpu;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>One ILGPU backend on the CPU accelerator, shared by the tests of a class (kernels compile once).</summary>
public sealed class IlgpuCpuBackendFixture : IDisposable
{
    /// <summary>Creates the backend and its differentiable form.</summary>
    public IlgpuCpuBackendFixture() => Differentiable = new AutodiffBackend(Backend);

    /// <summary>The backend under test.</summary>
    public IlgpuBackend Backend { get; } = new();

    /// <summary>The backend under the autodiff decorator (gradients).</summary>
    public AutodiffBackend Differentiable { get; }

    /// <inheritdoc />
    public void Dispose() => Backend.Dispose();
}

/// <summary>The conformance suite on the ILGPU CPU accelerator.</summary>
public sealed class IlgpuCpuConformanceTests(IlgpuCpuBackendFixture fixture)
    : BackendConformanceTests(fixture.Backend, fixture.Differentiable), IClassFixture<IlgpuCpuBackendFixture>;
