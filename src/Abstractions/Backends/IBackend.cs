namespace Seer.Toolkit.Backends;

/// <summary>
/// A compute backend: the union of the op families. Components only see this interface; the implementation
/// is chosen at the composition root through dependency injection.
/// </summary>
public interface IBackend :
    ITensorCreationOps, IElementwiseOps, IReductionOps, IShapeOps, INeuralOps, ILinearAlgebraOps,
    IAutogradOps, IPrecisionOps, IDeviceOps, IMemoryOps
{
    /// <summary>Short name used in configuration ("torchsharp", "ilgpu").</summary>
    string Name { get; }

    /// <summary>Seeds the backend's global generator (dropout, sampling) for reproducible runs.</summary>
    void ManualSeed(long seed);

    /// <summary>Number of intra-op threads the backend uses.</summary>
    int Threads { get; set; }
}
