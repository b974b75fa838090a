using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Seer.Toolkit.Backends.Autodiff;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Composition-root registration of the ILGPU backend under the autodiff decorator (so models can train on it).</summary>
public static class IlgpuBackendServiceCollectionExtensions
{
    /// <summary>Registers <c>AutodiffBackend(IlgpuBackend(options))</c> as the singleton <see cref="IBackend"/>.</summary>
    public static IServiceCollection AddIlgpuBackend(this IServiceCollection services, IlgpuBackendOptions? options = null)
    {
        services.TryAddSingleton<IBackend>(_ => new AutodiffBackend(new IlgpuBackend(options)));
        return services;
    }
}
