using Seer.Toolkit.Backends.Ilgpu.Kernels;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>
/// A row-major product C[M,N] = A[M,K] · op(B) as one column-major sgemm call: a row-major buffer read column-major is
/// its transpose, so cuBLAS computes Cᵀ[N,M] = op(B)ᵀ · Aᵀ with the B buffer first and the A buffer second.
/// op(B) = B ([K,N] buffer, read as Bᵀ, ld N, no transpose) or Wᵀ for y = x Wᵀ ([N,K] buffer, read as Wᵀ, ld K, transposed).
/// </summary>
public readonly record struct CuBlasGemmCall(bool TransposeFirst, int Rows, int Columns, int Inner,
    int LeadingFirst, int LeadingSecond, int LeadingResult)
{
    /// <summary>The call for <paramref name="g"/>: gemm(transa, N, m = N, n = M, k = K, first = B, lda, second = A, ldb = K, C, ldc = N).</summary>
    public static CuBlasGemmCall For(GemmGeometry g) => new(
        TransposeFirst: g.TransposeB != 0,
        Rows: g.N,
        Columns: g.M,
        Inner: g.K,
        LeadingFirst: g.TransposeB != 0 ? g.K : g.N,
        LeadingSecond: g.K,
        LeadingResult: g.N);
}
