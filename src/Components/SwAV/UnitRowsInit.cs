using Seer.Toolkit.Backends;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>U(±1/√fan_in) rows rescaled to unit L2 norm: prototypes start on the unit sphere (c_k ← c_k / ‖c_k‖).</summary>
public sealed record UnitRowsInit(long FanIn) : Init
{
    /// <inheritdoc />
    public override Tensor Create(IBackend backend, long[] shape, DType dtype, long seed)
    {
        double bound = 1 / Math.Sqrt(FanIn);
        return backend.L2Normalize(backend.RandomUniform(shape, -bound, bound, seed, dtype), 1);
    }
}
