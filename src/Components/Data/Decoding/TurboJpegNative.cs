using System.Runtime.InteropServices;

namespace Seer.Toolkit.Data;

/// <summary>The TurboJPEG C API entry points used here (source-generated P/Invoke, AOT-safe).</summary>
internal static partial class TurboJpegNative
{
    public const string Library = "libturbojpeg.so.0";

    public const int PixelFormatRgb = 0;          // TJPF_RGB
    public const int PixelFormatCmyk = 11;        // TJPF_CMYK
    public const int ColorspaceCmyk = 3;          // TJCS_CMYK
    public const int ColorspaceYcck = 4;          // TJCS_YCCK
    public const int FlagLimitScans = 32768;      // TJFLAG_LIMITSCANS: refuse progressive files with absurd scan counts

    /// <summary>Exported names that must resolve before the library is used.</summary>
    public static readonly string[] RequiredExports =
        ["tjInitDecompress", "tjDecompressHeader3", "tjGetScalingFactors", "tjDecompress2", "tjGetErrorStr2", "tjDestroy"];

    [LibraryImport(Library)]
    public static partial nint tjInitDecompress();

    [LibraryImport(Library)]
    public static partial int tjDecompressHeader3(nint handle, ReadOnlySpan<byte> jpegBuf, CULong jpegSize,
        out int width, out int height, out int jpegSubsamp, out int jpegColorspace);

    [LibraryImport(Library)]
    public static partial nint tjGetScalingFactors(out int numScalingFactors);

    [LibraryImport(Library)]
    public static partial int tjDecompress2(nint handle, ReadOnlySpan<byte> jpegBuf, CULong jpegSize, Span<byte> dstBuf,
        int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Library)]
    public static partial nint tjGetErrorStr2(nint handle);

    [LibraryImport(Library)]
    public static partial int tjDestroy(nint handle);
}
