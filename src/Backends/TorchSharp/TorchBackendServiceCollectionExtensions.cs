using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>Composition-root registration of the libtorch backend.</summary>
public static class TorchBackendServiceCollectionExtensions
{
    /// <summary>Registers <see cref="TorchBackend"/> as the singleton <see cref="IBackend"/>.</summary>
    public static IServiceCollection AddTorchSharpBackend(this IServiceCollection services, Seer.Toolkit.Tensors.Device? device = null)
    {
        services.TryAddSingleton<IBackend>(_ => new TorchBackend(device));
        return services;
    }
}
