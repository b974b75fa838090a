using System.Runtime.InteropServices;

namespace Seer.Toolkit.Data;

/// <summary>Whether the system TurboJPEG library loads, and its DCT scaling factors.</summary>
public static class TurboJpegLibrary
{
    private static readonly Lazy<string?> LoadError = new(Probe);
    private static readonly Lazy<(int Num, int Denom)[]> Factors = new(ReadScalingFactors);

    /// <summary>True when <c>libturbojpeg.so.0</c> loads and exports every function used.</summary>
    public static bool IsAvailable => LoadError.Value is null;

    /// <summary>Why the library is unusable, or null.</summary>
    public static string? UnavailableReason => LoadError.Value;

    /// <summary>The library's scaling factors (num/denom), as reported by tjGetScalingFactors.</summary>
    public static IReadOnlyList<(int Num, int Denom)> ScalingFactors => Factors.Value;

    private static string? Probe()
    {
        if (!NativeLibrary.TryLoad(TurboJpegNative.Library, out var handle))
            return $"{TurboJpegNative.Library} not found (install the libturbojpeg0 package)";
        foreach (var name in TurboJpegNative.RequiredExports)
            if (!NativeLibrary.TryGetExport(handle, name, out _))
                return $"{TurboJpegNative.Library} lacks {name} (libjpeg-turbo 2.0 or newer is needed)";
        return null;
    }

    private static (int, int)[] ReadScalingFactors()
    {
        if (!IsAvailable) return [];
        var list = TurboJpegNative.tjGetScalingFactors(out var count);
        if (list == 0 || count <= 0) return [(1, 1)];
        var factors = new (int, int)[count];
        for (var i = 0; i < count; i++)
            factors[i] = (Marshal.ReadInt32(list, 8 * i), Marshal.ReadInt32(list, 8 * i + 4));
        return factors;
    }
}
