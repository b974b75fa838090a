namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>
/// Shape of a batched product C[b] = A[b] · op(B[b]) (+ bias), row-major: A [M, K], op(B) [K, N] where B is stored [K, N]
/// or, with <see cref="TransposeB"/> = 1, [N, K] (y = x Wᵀ); C [M, N]. Work is cut into Tile×Tile output tiles.
/// </summary>
public readonly record struct GemmGeometry(int Batch, int M, int K, int N, int Tile, int TransposeB, int HasBias)
{
    /// <summary>Tiles along the rows of C, ⌈M / Tile⌉.</summary>
    public int TilesM => (M + Tile - 1) / Tile;

    /// <summary>Tiles along the columns of C, ⌈N / Tile⌉.</summary>
    public int TilesN => (N + Tile - 1) / Tile;

    /// <summary>Output tiles over all batches.</summary>
    public long TileCount => (long)Batch * TilesM * TilesN;
}
