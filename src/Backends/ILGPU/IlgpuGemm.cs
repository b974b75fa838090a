namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>How the ILGPU backend computes matrix products (MatMul, Linear).</summary>
public enum IlgpuGemm
{
    /// <summary>cuBLAS on a CUDA accelerator when the library loads, <see cref="Tiled"/> on other GPUs, <see cref="Direct"/> on the CPU accelerator.</summary>
    Auto,

    /// <summary>Shared-memory tiled kernel (every accelerator).</summary>
    Tiled,

    /// <summary>One thread per output element, no shared memory (the baseline the others are measured against).</summary>
    Direct,

    /// <summary>cuBLAS sgemm through ILGPU.Algorithms; an error where the accelerator is not CUDA or cuBLAS does not load.</summary>
    CuBlas,
}
