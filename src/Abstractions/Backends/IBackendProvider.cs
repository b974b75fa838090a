using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends;

/// <summary>The compute backends a host can create, by name: the composition root registers them and commands pick one.</summary>
public interface IBackendProvider
{
    /// <summary>The names this host knows, the default first.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>
    /// The backend <paramref name="name"/> on <paramref name="device"/> (one instance per name and device); an unknown name or a
    /// device the backend cannot use is an <see cref="ArgumentException"/> naming it.
    /// </summary>
    IBackend Get(string name, Device device);
}
