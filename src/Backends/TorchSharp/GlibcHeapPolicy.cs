using System.Runtime.InteropServices;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>
/// Keeps freed tensor buffers in glibc's heap instead of unmapping them: by default glibc serves blocks of 128 KiB+ by
/// mmap and returns them on free, so every training step page-faults its activations in again (measured: a
/// regnety_400mf fp32 step 290–650 ms with the default allocator, 137–151 ms with the heap kept; docs/benchmarks.md).
/// Blocks above 32 MiB are still mapped and returned. Skipped when the user sets the MALLOC_* variables or
/// <c>SEER_DEFAULT_MALLOC=1</c>.
/// </summary>
internal static class GlibcHeapPolicy
{
    private const int MmapThreshold = -3;      // M_MMAP_THRESHOLD
    private const int TrimThreshold = -1;      // M_TRIM_THRESHOLD

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    /// <summary>Applies the policy once per process on Linux; returns whether it was applied.</summary>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux()) return false;
        if (Environment.GetEnvironmentVariable("SEER_DEFAULT_MALLOC") == "1"
            || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null
            || Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is not null) return false;
        try
        {
            return MallOpt(MmapThreshold, 32 << 20) == 1 & MallOpt(TrimThreshold, int.MaxValue) == 1;
        }
        catch (DllNotFoundException)
        {
            return false;   // not glibc (e.g. musl): its allocator has no such switch; the default stays
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }
}
