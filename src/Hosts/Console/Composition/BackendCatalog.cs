using Seer.Toolkit.Backends;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Hosts.Console.Composition;

/// <summary>An <see cref="IBackendProvider"/> over named factories; creates each (name, device) once and disposes what it created.</summary>
public sealed class BackendCatalog(IReadOnlyDictionary<string, Func<Device, IBackend>> factories) : IBackendProvider, IDisposable
{
    private readonly Dictionary<(string, Device), IBackend> _created = [];

    /// <inheritdoc />
    public IReadOnlyList<string> Names { get; } = [.. factories.Keys];

    /// <inheritdoc />
    public IBackend Get(string name, Device device)
    {
        var key = name.Trim().ToLowerInvariant();
        if (!factories.TryGetValue(key, out var create))
            throw new ArgumentException($"unknown backend '{name}' (expected {string.Join(" or ", Names)})");
        lock (_created)
        {
            if (!_created.TryGetValue((key, device), out var backend))
            {
                backend = create(device);
                _created[(key, device)] = backend;
            }
            return backend;
        }
    }

    /// <summary>Disposes the backends created so far.</summary>
    public void Dispose()
    {
        lock (_created)
        {
            foreach (var backend in _created.Values) (backend as IDisposable)?.Dispose();
            _created.Clear();
        }
    }
}
