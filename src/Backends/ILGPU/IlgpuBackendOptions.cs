using ILGPU.Runtime.CPU;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Configuration of the ILGPU backend: which accelerator runs the kernels (CPU, CUDA or OpenCL, with ordinal).</summary>
public sealed class IlgpuBackendOptions
{
    /// <summary>The accelerator: <see cref="Device.Cpu"/> (the default, GPU threads emulated on the host), cuda:N or opencl:N.</summary>
    public Device Device { get; set; } = Device.Cpu;

    /// <summary>
    /// How the CPU accelerator emulates GPU threads: ILGPU's default <see cref="CPUAcceleratorMode.Auto"/> (parallel, one OS
    /// thread per emulated thread of a group) or <see cref="CPUAcceleratorMode.Sequential"/> (its debugging mode).
    /// </summary>
    public CPUAcceleratorMode CpuMode { get; set; } = CPUAcceleratorMode.Auto;

    /// <summary>Matrix products: <see cref="IlgpuGemm.Auto"/> (cuBLAS on CUDA where present, tiled on other GPUs, direct on the CPU accelerator) by default.</summary>
    public IlgpuGemm Gemm { get; set; } = IlgpuGemm.Auto;
}
