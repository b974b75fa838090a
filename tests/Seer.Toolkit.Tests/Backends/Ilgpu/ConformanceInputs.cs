using Seer.Toolkit.Backends;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>Fixed float32 inputs for conformance cases: values drawn from a generator seeded by (seed), so every backend sees the same data.</summary>
internal static class ConformanceInputs
{
    /// <summary>A tensor of U[−2, 2) values, x_i from Random(seed).</summary>
    public static Tensor Signed(IBackend backend, int seed, params long[] shape) => backend.FromArray(Values(seed, shape, -2, 2), shape);

    /// <summary>A tensor of U[0.25, 3) values (valid for ln, √ and as divisors).</summary>
    public static Tensor Positive(IBackend backend, int seed, params long[] shape) => backend.FromArray(Values(seed, shape, 0.25, 3), shape);

    private static float[] Values(int seed, long[] shape, double low, double high)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        var random = new Random(seed);
        var values = new float[n];
        for (long i = 0; i < n; i++) values[i] = (float)(low + (high - low) * random.NextDouble());
        return values;
    }
}
