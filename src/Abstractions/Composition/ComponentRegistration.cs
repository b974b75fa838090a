using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Seer.Toolkit.Backends;
using Seer.Toolkit.Components;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Composition;

/// <summary>How resolved components are materialised: the seed of the init rules and the parameter dtype.</summary>
public sealed class ModelInitOptions
{
    /// <summary>Seed mixed with each slot's name.</summary>
    public long Seed { get; set; }
}

/// <summary>Support for the generated <c>Add{Component}</c> registrations.</summary>
public static class ComponentRegistration
{
    /// <summary>
    /// Materialises a freshly constructed component on the registered <see cref="IBackend"/>, if there is one;
    /// without a backend the graph stays declarative (shapes and counts only).
    /// </summary>
    public static T Materialized<T>(IServiceProvider services, T component) where T : IComponent
    {
        var backend = services.GetService<IBackend>();
        if (backend is null) return component;
        var seed = services.GetService<IOptions<ModelInitOptions>>()?.Value.Seed ?? 0;
        return component.Materialize(backend, seed);
    }
}
