using ILGPU;
using ILGPU.Algorithms;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>
/// Counter-based random fills: element i draws from SplitMix64(seed ⊕ (2i + s)·φ) (φ = 0x9E3779B97F4A7C15), so values depend
/// only on (seed, i) and are the same on every accelerator and launch shape.
/// </summary>
public static class RandomKernels
{
    /// <summary>SplitMix64's output function of one counter value.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform value in [0, 1) with 24 random bits from stream <paramref name="s"/> of element i.</summary>
    private static float Unit(ulong seed, int i, int s) =>
        (Mix(seed ^ ((ulong)(2L * i + s) * 0x9E3779B97F4A7C15UL)) >> 40) * (1f / 16777216f);

    /// <summary>y[i] = low + (high − low) · u_i, u_i ~ U[0, 1).</summary>
    public static void Uniform(ArrayView<float> y, ulong seed, float low, float high)
    {
        int n = y.IntLength;
        for (int i = Grid.GlobalIndex.X; i < n; i += Grid.DimX * Group.DimX)
            y[i] = low + (high - low) * Unit(seed, i, 0);
    }

    /// <summary>y[i] = mean + std · √(−2 ln(1 − u₁)) cos(2π u₂) (Box–Muller on the element's two streams).</summary>
    public static void Normal(ArrayView<float> y, ulong seed, float mean, float std)
    {
        int n = y.IntLength;
        for (int i = Grid.GlobalIndex.X; i < n; i += Grid.DimX * Group.DimX)
        {
            float u1 = 1f - Unit(seed, i, 0);
            float u2 = Unit(seed, i, 1);
            y[i] = mean + std * XMath.Sqrt(-2f * XMath.Log(u1)) * XMath.Cos(2f * XMath.PI * u2);
        }
    }
}
