using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Memory scopes: every tensor allocated while a scope is open belongs to the innermost one and is released with it.</summary>
public sealed partial class IlgpuBackend
{
    private readonly List<HashSet<IlgpuTensor>> _scopes = [];
    private readonly Lock _scopeLock = new();

    /// <inheritdoc />
    public IDisposable NewScope()
    {
        var owned = new HashSet<IlgpuTensor>();
        lock (_scopeLock) _scopes.Add(owned);
        return new ScopeHandle(this, owned);
    }

    /// <summary>Moves the tensor from the innermost scope holding it to the scope around that one (or to no scope).</summary>
    public Tensor Keep(Tensor a)
    {
        var t = T(a);
        lock (_scopeLock)
        {
            for (int i = _scopes.Count - 1; i >= 0; i--)
            {
                if (!_scopes[i].Remove(t)) continue;
                if (i > 0) _scopes[i - 1].Add(t);
                break;
            }
        }
        return a;
    }

    /// <summary>Removes the tensor from every scope: its owner releases it.</summary>
    public Tensor Persist(Tensor a)
    {
        var t = T(a);
        lock (_scopeLock)
            foreach (var scope in _scopes) scope.Remove(t);
        return a;
    }

    /// <summary>Registers a new tensor with the innermost open scope, if any.</summary>
    private void Track(IlgpuTensor t)
    {
        lock (_scopeLock)
            if (_scopes.Count > 0) _scopes[^1].Add(t);
    }

    /// <summary>Closes a scope: releases its tensors once every kernel that may read them has finished.</summary>
    private void Close(HashSet<IlgpuTensor> owned)
    {
        lock (_scopeLock) _scopes.Remove(owned);
        if (owned.Count == 0) return;
        _accelerator.Synchronize();
        foreach (var t in owned) t.Dispose();
        owned.Clear();
    }

    private sealed class ScopeHandle(IlgpuBackend backend, HashSet<IlgpuTensor> owned) : IDisposable
    {
        private bool _closed;

        public void Dispose()
        {
            if (_closed) return;
            _closed = true;
            backend.Close(owned);
        }
    }
}
