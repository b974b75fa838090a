using Seer.Toolkit.Backends.Ilgpu;
using Seer.Toolkit.Backends.Ilgpu.Kernels;
using Seer.Toolkit.Tensors;
using static Seer.Toolkit.Tests.Backends.Ilgpu.ConformanceInputs;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>
/// The ILGPU GEMM paths: the shared-memory tiled kernel against the one-thread-per-element kernel (same k order, so equal
/// bit for bit), the path each configuration takes, and the column-major cuBLAS call derived for a row-major product,
/// checked by running it through a plain column-major sgemm (no GPU here, so cuBLAS itself is not called).
/// </summary>
public sealed class GemmPathTests(IlgpuCpuBackendFixture fixture) : IClassFixture<IlgpuCpuBackendFixture>
{
    [Fact]
    public void The_tiled_kernel_equals_the_direct_kernel_bit_for_bit_on_ragged_and_broadcast_shapes()
    {
        var direct = fixture.Backend;
        Assert.Equal("direct", direct.GemmPath);                            // Auto on the CPU accelerator
        using var tiled = new IlgpuBackend(new IlgpuBackendOptions { Gemm = IlgpuGemm.Tiled });
        Assert.Equal("tiled 4x4", tiled.GemmPath);                          // 16 threads per group on the CPU accelerator
        var cases = new (string Name, Func<Seer.Toolkit.Backends.IBackend, Tensor> Run)[]
        {
            ("1x1", b => b.MatMul(Signed(b, 1, 1, 1), Signed(b, 2, 1, 1))),
            ("ragged", b => b.MatMul(Signed(b, 3, 13, 29), Signed(b, 4, 29, 7))),
            ("batch broadcast", b => b.MatMul(Signed(b, 5, 2, 1, 9, 6), Signed(b, 6, 3, 6, 10))),
            ("vector by matrix", b => b.MatMul(Signed(b, 7, 11), Signed(b, 8, 11, 5))),
            ("linear with bias", b => b.Linear(Signed(b, 9, 3, 6, 21), Signed(b, 10, 17, 21), Signed(b, 11, 17))),
            ("linear, k below one tile", b => b.Linear(Signed(b, 12, 5, 3), Signed(b, 13, 9, 3), null)),
            ("linear, no input features", b => b.Linear(Signed(b, 14, 5, 0), Signed(b, 15, 6, 0), Signed(b, 16, 6))),
        };
        foreach (var (name, run) in cases)
        {
            var expected = run(direct).ToFloatArray();
            var actual = run(tiled).ToFloatArray();
            Assert.True(expected.SequenceEqual(actual), $"{name}: tiled and direct differ");
            Assert.Contains(expected, v => v != 0f);
        }
    }

    [Fact]
    public void Asking_for_cuBLAS_without_a_CUDA_accelerator_is_an_error_naming_the_reason()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new IlgpuBackend(new IlgpuBackendOptions { Gemm = IlgpuGemm.CuBlas }));
        Assert.Contains("cuBLAS needs a CUDA accelerator", error.Message);
        Assert.Contains("gemm=cublas", error.Message);
    }

    [Theory]
    [InlineData(1, 1, 1, 0)]
    [InlineData(5, 7, 3, 0)]
    [InlineData(5, 7, 3, 1)]
    [InlineData(8, 1, 12, 1)]
    [InlineData(1, 9, 4, 0)]
    public void The_cuBLAS_call_computes_the_row_major_product_when_read_column_major(int m, int k, int n, int transposeB)
    {
        var random = new Random(m * 100 + k * 10 + n + transposeB);
        float[] Fill(int count) => [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 4 - 2))];
        var a = Fill(m * k);                                       // row-major [M, K]
        var b = Fill(k * n);                                       // row-major [K, N], or [N, K] when transposed
        var expected = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                for (int p = 0; p < k; p++)
                    expected[i * n + j] += (double)a[i * k + p] * (transposeB != 0 ? b[j * k + p] : b[p * n + j]);

        var call = CuBlasGemmCall.For(new GemmGeometry(1, m, k, n, Tile: 4, transposeB, HasBias: 0));
        var c = ColumnMajorGemm(call.TransposeFirst, call.Rows, call.Columns, call.Inner, b, call.LeadingFirst, a, call.LeadingSecond, call.LeadingResult);
        for (int i = 0; i < m * n; i++)
            Assert.True(Math.Abs(c[i] - expected[i]) <= 1e-9 * (1 + Math.Abs(expected[i])), $"element {i}: {c[i]} vs {expected[i]}");
    }

    /// <summary>BLAS sgemm semantics, column-major: C[i + j·ldc] = Σ_p op(A)[i,p] · B[p + j·ldb], op(A)[i,p] = A[i + p·lda] or A[p + i·lda] transposed.</summary>
    private static double[] ColumnMajorGemm(bool transposeA, int rows, int columns, int inner, float[] first, int lda, float[] second, int ldb, int ldc)
    {
        var c = new double[ldc * columns];
        for (int j = 0; j < columns; j++)
            for (int i = 0; i < rows; i++)
            {
                double acc = 0;
                for (int p = 0; p < inner; p++)
                    acc += (double)(transposeA ? first[p + i * lda] : first[i + p * lda]) * second[p + j * ldb];
                c[i + j * ldc] = acc;
            }
        return c;
    }
}
