using ILGPU;
using ILGPU.Algorithms;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>Batch-norm kernels over x viewed as [outer, C, inner] (NCHW: outer = N, inner = H·W), one thread per channel or element.</summary>
public static class NormalizationKernels
{
    /// <summary>Per channel c: μ_c = mean x[:, c, :], σ²_c = mean (x[:, c, :] − μ_c)² (biased, two passes).</summary>
    public static void ChannelMoments(ArrayView<float> x, ArrayView<float> mean, ArrayView<float> variance,
        int outer, int channels, int inner)
    {
        float count = outer * inner;
        for (int c = Grid.GlobalIndex.X; c < channels; c += Grid.DimX * Group.DimX)
        {
            float sum = 0f;
            for (int n = 0; n < outer; n++)
            {
                int start = (n * channels + c) * inner;
                for (int k = 0; k < inner; k++) sum += x[start + k];
            }
            float mu = sum / count;
            float squares = 0f;
            for (int n = 0; n < outer; n++)
            {
                int start = (n * channels + c) * inner;
                for (int k = 0; k < inner; k++)
                {
                    float d = x[start + k] - mu;
                    squares += d * d;
                }
            }
            mean[c] = mu;
            variance[c] = squares / count;
        }
    }

    /// <summary>y = γ_c (x − μ_c) / √(σ²_c + ε) + β_c (γ = 1, β = 0 when absent).</summary>
    public static void Apply(ArrayView<float> x, ArrayView<float> mean, ArrayView<float> variance, ArrayView<float> weight,
        ArrayView<float> bias, ArrayView<float> y, int channels, int inner, float eps, int hasWeight, int hasBias)
    {
        int total = y.IntLength;
        for (int idx = Grid.GlobalIndex.X; idx < total; idx += Grid.DimX * Group.DimX)
        {
            int c = idx / inner % channels;
            float scale = XMath.Rsqrt(variance[c] + eps);
            if (hasWeight != 0) scale *= weight[c];
            float shift = hasBias != 0 ? bias[c] : 0f;
            y[idx] = (x[idx] - mean[c]) * scale + shift;
        }
    }

    /// <summary>r ← (1 − m) r + m · correction · stat (correction n/(n−1) turns a biased variance unbiased).</summary>
    public static void RunningUpdate(ArrayView<float> running, ArrayView<float> stat, float momentum, float correction)
    {
        int total = running.IntLength;
        for (int c = Grid.GlobalIndex.X; c < total; c += Grid.DimX * Group.DimX)
            running[c] = (1f - momentum) * running[c] + momentum * correction * stat[c];
    }
}
