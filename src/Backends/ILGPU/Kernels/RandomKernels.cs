using ILGPU;
using ILGPU.Algorithms;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>
/// The Box–Muller step of libtorch's <c>normal_fill</c>: uniforms drawn on the host by <see cref="TorchCpuGenerator"/> become
/// normals in blocks of 16 (u₁ = 1 − u[j], u₂ = u[j + 8] give elements j and j + 8), so fills match TorchSharp's <c>randn</c>.
/// </summary>
public static class RandomKernels
{
    /// <summary>
    /// y[b·16 + j], y[b·16 + j + 8] = mean + std · √(−2 ln(1 − u[b·16 + j])) · (cos, sin)(2π u[b·16 + j + 8]) for the n / 16 whole
    /// blocks; when 16 does not divide n, the last 16 elements come instead from the 16 extra uniforms u[n … n + 15].
    /// </summary>
    public static void NormalBlocks(ArrayView<float> u, ArrayView<float> y, int n, float mean, float std)
    {
        int whole = n / 16;
        bool tail = n % 16 != 0;
        int pairs = (whole + (tail ? 1 : 0)) * 8;
        for (int k = Grid.GlobalIndex.X; k < pairs; k += Grid.DimX * Group.DimX)
        {
            int block = k / 8, j = k % 8;
            int source = block < whole ? block * 16 : n;
            int target = block < whole ? block * 16 : n - 16;
            float u1 = 1f - u[source + j];
            float u2 = u[source + j + 8];
            float radius = XMath.Sqrt(-2f * XMath.Log(u1));
            float theta = 2f * XMath.PI * u2;
            float first = radius * XMath.Cos(theta), second = radius * XMath.Sin(theta);
            // a whole block's elements that the tail block draws again are left to it (each element has one writer)
            if (block == whole || !tail || target + j < n - 16) y[target + j] = first * std + mean;
            if (block == whole || !tail || target + j + 8 < n - 16) y[target + j + 8] = second * std + mean;
        }
    }
}
