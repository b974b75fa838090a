using ILGPU;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>Dense products over row-major float32 matrices: one thread per output element, or shared-memory tiles.</summary>
public static class MatMulKernels
{
    /// <summary>
    /// Batched C[b,i,j] = Σ_k A[offA(b) + i·K + k] · op(B)[k, j] (+ bias[j]), one thread per output element (grid-stride);
    /// the per-batch offsets carry the broadcasting of leading dims. The baseline the tiled kernel is measured against.
    /// </summary>
    public static void Direct(ArrayView<float> a, ArrayView<float> b, ArrayView<float> bias, ArrayView<float> c,
        ArrayView<int> batchOffsetsA, ArrayView<int> batchOffsetsB, GemmGeometry g)
    {
        int total = c.IntLength;
        for (int idx = Grid.GlobalIndex.X; idx < total; idx += Grid.DimX * Group.DimX)
        {
            int j = idx % g.N;
            int i = idx / g.N % g.M;
            int batch = idx / (g.M * g.N);
            int rowA = batchOffsetsA[batch] + i * g.K;
            int offB = batchOffsetsB[batch];
            float acc = 0f;
            for (int p = 0; p < g.K; p++)
                acc += a[rowA + p] * (g.TransposeB != 0 ? b[offB + j * g.K + p] : b[offB + p * g.N + j]);
            c[idx] = g.HasBias != 0 ? acc + bias[j] : acc;
        }
    }

    /// <summary>
    /// The same product by Tile×Tile output tiles, one group of Tile×Tile threads per tile (grid-stride over tiles): each
    /// step stages a Tile×Tile block of A and of op(B) in shared memory (2·Tile² floats, dynamic), then every thread
    /// accumulates its element from shared memory. k runs in the same order as <see cref="Direct"/>, so the sums match it.
    /// </summary>
    public static void Tiled(ArrayView<float> a, ArrayView<float> b, ArrayView<float> bias, ArrayView<float> c,
        ArrayView<int> batchOffsetsA, ArrayView<int> batchOffsetsB, GemmGeometry g)
    {
        var shared = SharedMemory.GetDynamic<float>();
        int t = g.Tile;
        int tx = Group.IdxX, ty = Group.IdxY;                      // column and row inside the tile
        int tilesPerMatrix = g.TilesM * g.TilesN;
        int tileCount = g.Batch * tilesPerMatrix;
        for (int tile = Grid.IdxX; tile < tileCount; tile += Grid.DimX)   // uniform across the group: barriers stay matched
        {
            int batch = tile / tilesPerMatrix;
            int inBatch = tile % tilesPerMatrix;
            int row = inBatch / g.TilesN * t + ty;
            int col = inBatch % g.TilesN * t + tx;
            int offA = batchOffsetsA[batch], offB = batchOffsetsB[batch];
            float acc = 0f;
            for (int k0 = 0; k0 < g.K; k0 += t)
            {
                int ka = k0 + tx, kb = k0 + ty;
                // A block [row, k0 + tx] and op(B) block [k0 + ty, col], zero outside the matrices
                shared[ty * t + tx] = row < g.M && ka < g.K ? a[offA + row * g.K + ka] : 0f;
                shared[t * t + ty * t + tx] = kb < g.K && col < g.N
                    ? (g.TransposeB != 0 ? b[offB + col * g.K + kb] : b[offB + kb * g.N + col])
                    : 0f;
                Group.Barrier();
                int steps = g.K - k0 < t ? g.K - k0 : t;
                for (int p = 0; p < steps; p++)
                    acc += shared[ty * t + p] * shared[t * t + p * t + tx];
                Group.Barrier();
            }
            if (row < g.M && col < g.N)
                c[(batch * g.M + row) * g.N + col] = g.HasBias != 0 ? acc + bias[col] : acc;
        }
    }
}
