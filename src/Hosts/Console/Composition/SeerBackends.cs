using Microsoft.Extensions.DependencyInjection;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Tensors;
#if SEER_ILGPU
using Seer.Toolkit.Backends.Autodiff;
using Seer.Toolkit.Backends.Ilgpu;
#endif

namespace Seer.Toolkit.Hosts.Console.Composition;

/// <summary>The backends the <c>seer</c> CLI can run on (<c>--backend torchsharp|ilgpu</c>), registered as one <see cref="IBackendProvider"/>.</summary>
public static class SeerBackends
{
    /// <summary>The backend used when <c>--backend</c> is not given.</summary>
    public const string Default = "torchsharp";

    /// <summary>Registers the torchsharp and ilgpu backends (the default first).</summary>
    public static IServiceCollection AddSeerBackends(this IServiceCollection services) =>
        services.AddSingleton<IBackendProvider>(_ => new BackendCatalog(new Dictionary<string, Func<Device, IBackend>>
        {
            [Default] = TorchSharp,
            ["ilgpu"] = Ilgpu,
        }));

    /// <summary>libtorch on the CPU: the shipped native library is libtorch-cpu, so other devices are refused.</summary>
    private static IBackend TorchSharp(Device device) => device.Kind == DeviceKind.Cpu
        ? new TorchBackend()
        : throw new ArgumentException(
            $"--device {device}: the torchsharp backend runs on the CPU only (this build ships libtorch-cpu); use --backend ilgpu --device {device} for a GPU");

#if SEER_ILGPU
    /// <summary>ILGPU kernels on the chosen accelerator, trained through the autodiff decorator; a missing device is an argument error.</summary>
    private static IBackend Ilgpu(Device device)
    {
        try
        {
            return new AutodiffBackend(new IlgpuBackend(new IlgpuBackendOptions { Device = device }));
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"--device {device}: {e.Message}", e);
        }
    }
#else
    /// <summary>This executable was published with NativeAOT, where ILGPU cannot compile kernels.</summary>
    private static IBackend Ilgpu(Device device) => throw new PlatformNotSupportedException(
        "--backend ilgpu: ILGPU compiles its kernels at run time (ILGPU#847), which this NativeAOT executable cannot do; " +
        "run the JIT host instead: dotnet seer.dll ... --backend ilgpu");
#endif
}
