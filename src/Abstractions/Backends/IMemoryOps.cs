using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends;

/// <summary>Deterministic release of native tensor memory.</summary>
public interface IMemoryOps
{
    /// <summary>Opens a scope: tensors created inside are released when it is disposed, unless kept.</summary>
    IDisposable NewScope();

    /// <summary>Moves a tensor out of the innermost scope so it outlives it.</summary>
    Tensor Keep(Tensor a);

    /// <summary>Removes a tensor from every scope: its owner releases it (parameters, buffers).</summary>
    Tensor Persist(Tensor a);
}
