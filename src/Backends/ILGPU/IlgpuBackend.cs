using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using Seer.Toolkit.Backends.Ilgpu.Kernels;
using Seer.Toolkit.Tensors;
using Device = Seer.Toolkit.Tensors.Device;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>
/// The ILGPU backend: one ILGPU <see cref="Context"/> and accelerator (CPU, CUDA or OpenCL); float32 tensors live in dense
/// device buffers and every op is a cached grid-stride kernel. Ops without a kernel yet throw <see cref="NotSupportedException"/>.
/// </summary>
public sealed partial class IlgpuBackend : IBackend, IDisposable
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly KernelCache _kernels;
    private readonly IlgpuGemm _gemm;
    private readonly CuBlasGemm? _cuBlas;

    /// <summary>Creates the context and the configured accelerator; a missing CUDA/OpenCL device is an error naming it.</summary>
    public IlgpuBackend(IlgpuBackendOptions? options = null)
    {
        EnsureDynamicCode(RuntimeFeature.IsDynamicCodeSupported);
        options ??= new IlgpuBackendOptions();
        DefaultDevice = options.Device;
        _context = Context.Create(builder => builder.CPU().Cuda().OpenCL().EnableAlgorithms());
        try
        {
            _accelerator = CreateAccelerator(_context, DefaultDevice, options.CpuMode);
        }
        catch
        {
            _context.Dispose();
            throw;
        }
        _kernels = new KernelCache(_accelerator);
        (_gemm, _cuBlas, GemmPath) = ChooseGemm(options.Gemm);
    }

    /// <summary>
    /// The configured GEMM path. Auto: cuBLAS where it loads on CUDA, the tiled kernel on other GPUs, the direct kernel on
    /// the CPU accelerator (docs/benchmarks.md). Explicit cuBLAS that cannot load is an error.
    /// </summary>
    private (IlgpuGemm, CuBlasGemm?, string) ChooseGemm(IlgpuGemm requested)
    {
        if (requested is IlgpuGemm.Tiled or IlgpuGemm.Direct)
            return (requested, null, requested == IlgpuGemm.Tiled ? $"tiled {_kernels.GemmTile}x{_kernels.GemmTile}" : "direct");
        var blas = CuBlasGemm.TryCreate(_accelerator, out var reason);
        if (blas is not null) return (IlgpuGemm.CuBlas, blas, "cublas");
        if (requested == IlgpuGemm.CuBlas)
        {
            Dispose();
            throw new InvalidOperationException($"ILGPU backend: gemm=cublas was requested but {reason}");
        }
        // the CPU accelerator emulates group barriers with OS threads: there the tiled kernel is 60–640× slower than direct
        return _accelerator.AcceleratorType == AcceleratorType.CPU
            ? (IlgpuGemm.Direct, null, "direct")
            : (IlgpuGemm.Tiled, null, $"tiled {_kernels.GemmTile}x{_kernels.GemmTile} ({reason})");
    }

    /// <summary>How matrix products run: "cublas", "tiled TxT" (shared-memory tiles of side T; on a GPU with why cuBLAS is not used) or "direct".</summary>
    public string GemmPath { get; }

    /// <summary>
    /// ILGPU compiles kernels from IL at run time (ILGPU#847), which a NativeAOT executable cannot do: without dynamic code
    /// this throws <see cref="PlatformNotSupportedException"/> saying to run the JIT host instead.
    /// </summary>
    public static void EnsureDynamicCode(bool isDynamicCodeSupported)
    {
        if (!isDynamicCodeSupported)
            throw new PlatformNotSupportedException(
                "the ILGPU backend compiles its kernels at run time (ILGPU#847) and cannot run in a NativeAOT executable; " +
                "run the JIT build of the program (dotnet run / the framework-dependent build) or choose the torchsharp backend");
    }

    private static Accelerator CreateAccelerator(Context context, Device device, CPUAcceleratorMode cpuMode)
    {
        int available = device.Kind switch
        {
            DeviceKind.Cpu => context.GetCPUDevices().Count,
            DeviceKind.Cuda => context.GetCudaDevices().Count,
            DeviceKind.OpenCL => context.GetCLDevices().Count,
            _ => 0,
        };
        if (device.Index < 0 || device.Index >= available)
            throw new InvalidOperationException($"ILGPU backend: no {device} accelerator ({available} {device.Kind} device(s) found)");
        return device.Kind switch
        {
            DeviceKind.Cuda => context.CreateCudaAccelerator(device.Index),
            DeviceKind.OpenCL => context.CreateCLAccelerator(device.Index),
            _ => context.CreateCPUAccelerator(device.Index, cpuMode),
        };
    }

    /// <inheritdoc />
    public string Name => "ilgpu";

    /// <inheritdoc />
    public Device DefaultDevice { get; }

    /// <summary>The accelerator's name as ILGPU reports it.</summary>
    public string AcceleratorName => _accelerator.Name;

    /// <summary>The seed given to <see cref="ManualSeed"/> (seeded fills take their own seed; no op draws from this one).</summary>
    public long Seed { get; private set; }

    /// <inheritdoc />
    public void ManualSeed(long seed) => Seed = seed;

    /// <summary>
    /// Multiprocessors of the accelerator (host threads on the CPU accelerator), fixed when it is created. Setting it (as
    /// deterministic runs do) is accepted and changes nothing: every kernel computes each output element in one thread in a
    /// fixed order, so results do not depend on the thread count.
    /// </summary>
    public int Threads
    {
        get => _accelerator.NumMultiprocessors;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), $"ILGPU backend: Threads must be at least 1 (got {value})");
        }
    }

    /// <summary>The ILGPU tensor behind a toolkit tensor (must belong to this backend).</summary>
    internal IlgpuTensor T(Tensor t) => t switch
    {
        IlgpuTensor { IsDisposed: true } => throw new ObjectDisposedException(nameof(IlgpuTensor), "ILGPU backend: tensor used after it was disposed"),
        IlgpuTensor it when ReferenceEquals(it.Backend, this) => it,
        IlgpuTensor => throw new ArgumentException("tensor from another ILGPU backend instance (another accelerator) passed to this one"),
        _ => throw new ArgumentException($"tensor from backend '{t.Backend.Name}' passed to the ILGPU backend"),
    };

    /// <summary>A new uninitialised float32 tensor of the given shape.</summary>
    internal IlgpuTensor Allocate(long[] shape)
    {
        foreach (var d in shape)
            if (d < 0) throw new ArgumentException($"negative dimension in shape [{string.Join(", ", shape)}]");
        var t = new IlgpuTensor(this, _accelerator.Allocate1D<float>(Broadcasting.Count(shape)), shape);
        Track(t);
        return t;
    }

    /// <summary>A device copy of small host metadata (layouts, offsets); disposed after the kernel has run.</summary>
    internal MemoryBuffer1D<int, Stride1D.Dense> Upload(int[] data) =>
        _accelerator.Allocate1D(data.Length == 0 ? [0] : data);

    private static void RequireFloat32(DType dtype, string op)
    {
        if (dtype != DType.Float32)
            throw new NotSupportedException($"ILGPU backend: {op} with dtype {dtype} (only float32 so far)");
    }

    /// <summary>Releases the accelerator and the context (tensors must be disposed first).</summary>
    public void Dispose()
    {
        _cuBlas?.Dispose();
        _accelerator.Dispose();
        _context.Dispose();
    }
}
