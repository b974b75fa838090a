namespace Seer.Toolkit.Components.Augmentation;

/// <summary>
/// Counter-based generator (SplitMix64) seeded from (seed, epoch, sample, crop): every crop's randomness is fixed by its
/// coordinates, independent of thread scheduling or of which other samples were drawn.
/// </summary>
public sealed class AugmentRandom
{
    private ulong _state;

    /// <summary>Seeds from a tuple of coordinates.</summary>
    public AugmentRandom(long seed, params long[] coordinates)
    {
        ulong s = (ulong)seed;
        foreach (var c in coordinates) s = Mix(s ^ Mix((ulong)c + 0x9E3779B97F4A7C15UL));
        _state = s;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextBits()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>U[0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>U[low, high).</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Integer in [0, n) (n ≥ 1).</summary>
    public int NextInt(int n) => (int)(NextDouble() * n);

    /// <summary>True with probability p.</summary>
    public bool Chance(double p) => NextDouble() < p;
}
