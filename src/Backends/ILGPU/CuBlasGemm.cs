using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Seer.Toolkit.Backends.Ilgpu.Kernels;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Matrix products on a CUDA accelerator through ILGPU.Algorithms' cuBLAS binding (one sgemm per batch entry).</summary>
internal sealed class CuBlasGemm : IDisposable
{
    private readonly CuBlas _blas;

    private CuBlasGemm(CuBlas blas) => _blas = blas;

    /// <summary>cuBLAS on <paramref name="accelerator"/>, or null with the reason when it is not CUDA or the library does not load.</summary>
    public static CuBlasGemm? TryCreate(Accelerator accelerator, out string reason)
    {
        if (accelerator is not CudaAccelerator cuda)
        {
            reason = $"cuBLAS needs a CUDA accelerator (this one is {accelerator.AcceleratorType})";
            return null;
        }
        try
        {
            var blas = new CuBlas(cuda) { Stream = (CudaStream)cuda.DefaultStream };   // ordered with the kernels on that stream
            reason = "";
            return new CuBlasGemm(blas);
        }
        catch (Exception e) when (e is not OutOfMemoryException)          // a missing or mismatched libcublas surfaces in several types
        {
            reason = $"cuBLAS did not load ({e.GetType().Name}: {e.Message})";
            return null;
        }
    }

    /// <summary>C[b] = A[b] · op(B[b]) for every batch entry, the batch offsets (in elements) given on the host; C is overwritten, or accumulated into when <paramref name="accumulate"/>.</summary>
    public void Run(ArrayView<float> a, ArrayView<float> b, ArrayView<float> c, int[] offsetsA, int[] offsetsB, GemmGeometry g, bool accumulate)
    {
        var call = CuBlasGemmCall.For(g);
        long mk = (long)g.M * g.K, kn = (long)g.K * g.N, mn = (long)g.M * g.N;
        for (int i = 0; i < g.Batch; i++)
        {
            _blas.Gemm(call.TransposeFirst ? CuBlasOperation.Transpose : CuBlasOperation.NonTranspose, CuBlasOperation.NonTranspose,
                call.Rows, call.Columns, call.Inner, 1f,
                b.SubView(offsetsB[i], kn), call.LeadingFirst,
                a.SubView(offsetsA[i], mk), call.LeadingSecond,
                accumulate ? 1f : 0f, c.SubView(i * mn, mn), call.LeadingResult);
        }
    }

    public void Dispose() => _blas.Dispose();
}
