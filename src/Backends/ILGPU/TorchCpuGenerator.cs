namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>
/// libtorch's CPU generator (<c>at::CPUGeneratorImpl</c>: MT19937 seeded with the low 32 bits of the seed) and the draws of
/// its float32 <c>rand</c>/<c>randn</c>, so that a fill with seed s holds the same values here as on the TorchSharp backend.
/// </summary>
internal sealed class TorchCpuGenerator
{
    private const int N = 624, M = 397;
    private readonly uint[] _state = new uint[N];
    private int _next = N;
    private double? _cachedNormal;

    /// <summary>MT19937's <c>init_genrand</c> with <c>seed &amp; 0xFFFFFFFF</c>, as libtorch's <c>mt19937(uint64_t)</c>.</summary>
    public TorchCpuGenerator(long seed)
    {
        _state[0] = unchecked((uint)seed);
        for (int j = 1; j < N; j++) _state[j] = unchecked(1812433253u * (_state[j - 1] ^ (_state[j - 1] >> 30)) + (uint)j);
    }

    /// <summary>The next 32-bit output (<c>random()</c>).</summary>
    public uint NextUInt32()
    {
        if (_next >= N) Twist();
        uint y = _state[_next++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        return y ^ (y >> 18);
    }

    /// <summary>Two outputs, the first in the high half (<c>random64()</c>).</summary>
    public ulong NextUInt64()
    {
        ulong high = NextUInt32();
        return (high << 32) | NextUInt32();
    }

    /// <summary><c>uniform_real_distribution&lt;float&gt;(0, 1)</c>: 24 random bits of one output, scaled by 2⁻²⁴.</summary>
    public float NextFloat() => (NextUInt32() & 0xFFFFFFu) * (1f / 16777216f);

    /// <summary><c>uniform_real_distribution&lt;double&gt;(0, 1)</c>: 53 random bits of <see cref="NextUInt64"/>, scaled by 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() & ((1UL << 53) - 1)) * (1.0 / (1UL << 53));

    /// <summary><c>normal_distribution&lt;double&gt;</c>: Box–Muller on two doubles, r·cos θ now and r·sin θ kept for the next call.</summary>
    public double NextNormal()
    {
        if (_cachedNormal is { } cached)
        {
            _cachedNormal = null;
            return cached;
        }
        double u1 = NextDouble(), u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(1.0 - u2));
        double theta = 2.0 * Math.PI * u1;
        _cachedNormal = r * Math.Sin(theta);
        return r * Math.Cos(theta);
    }

    /// <summary>The uniforms behind <c>randn</c> of <paramref name="count"/> ≥ 16 float32 values (<c>normal_fill</c>): one per
    /// element, then, when 16 does not divide the count, 16 more for the last 16 elements, which libtorch draws again.</summary>
    public float[] NormalFillUniforms(int count)
    {
        var u = new float[count % 16 == 0 ? count : count + 16];
        for (int i = 0; i < u.Length; i++) u[i] = NextFloat();
        return u;
    }

    private void Twist()
    {
        for (int k = 0; k < N; k++)
        {
            uint y = (_state[k] & 0x80000000u) | (_state[(k + 1) % N] & 0x7FFFFFFFu);
            _state[k] = _state[(k + M) % N] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908B0DFu : 0u);
        }
        _next = 0;
    }
}
