using ILGPU;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>Grid-stride dense products over row-major float32 matrices.</summary>
public static class MatMulKernels
{
    /// <summary>
    /// Batched C[b,i,j] = Σ_k A[offA(b) + i·K + k] · B[offB(b) + k·N + j], one thread per output element; the per-batch
    /// offsets carry the broadcasting of leading dims.
    /// </summary>
    public static void BatchedMatMul(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c,
        ArrayView<int> batchOffsetsA, ArrayView<int> batchOffsetsB, int m, int k, int n)
    {
        int total = c.IntLength;
        for (int idx = Grid.GlobalIndex.X; idx < total; idx += Grid.DimX * Group.DimX)
        {
            int j = idx % n;
            int i = idx / n % m;
            int batch = idx / (m * n);
            int rowA = batchOffsetsA[batch] + i * k;
            int colB = batchOffsetsB[batch] + j;
            float acc = 0f;
            for (int p = 0; p < k; p++)
                acc += a[rowA + p] * b[colB + p * n];
            c[idx] = acc;
        }
    }

    /// <summary>Y[r,o] = Σ_k X[r,k] · W[o,k] + bias[o] (bias read only when <paramref name="hasBias"/> is 1).</summary>
    public static void Linear(ArrayView<float> x, ArrayView<float> w, ArrayView<float> bias, ArrayView<float> y,
        int inFeatures, int outFeatures, int hasBias)
    {
        int total = y.IntLength;
        for (int idx = Grid.GlobalIndex.X; idx < total; idx += Grid.DimX * Group.DimX)
        {
            int o = idx % outFeatures;
            int r = idx / outFeatures;
            float acc = hasBias != 0 ? bias[o] : 0f;
            for (int p = 0; p < inFeatures; p++)
                acc += x[r * inFeatures + p] * w[o * inFeatures + p];
            y[idx] = acc;
        }
    }
}
