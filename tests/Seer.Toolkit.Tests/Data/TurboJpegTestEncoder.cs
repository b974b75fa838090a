using System.Runtime.InteropServices;

namespace Seer.Toolkit.Tests.Data;

/// <summary>Encodes CMYK JPEGs with TurboJPEG's compressor (tjCompress2, TJPF_CMYK), which SkiaSharp cannot write.</summary>
internal static class TurboJpegTestEncoder
{
    private const string Library = "libturbojpeg.so.0";

    public static byte[] EncodeCmyk(byte[] cmyk, int width, int height, int quality = 95)
    {
        var handle = tjInitCompress();
        Assert.NotEqual(0, handle);
        try
        {
            nint buffer = 0;
            nuint size = 0;
            var rc = tjCompress2(handle, cmyk, width, 4 * width, height, 11 /* TJPF_CMYK */, ref buffer, ref size, 0 /* 4:4:4 */, quality, 0);
            Assert.Equal(0, rc);
            try
            {
                var jpeg = new byte[(int)size];
                Marshal.Copy(buffer, jpeg, 0, jpeg.Length);
                return jpeg;
            }
            finally
            {
                tjFree(buffer);
            }
        }
        finally
        {
            tjDestroy(handle);
        }
    }

    [DllImport(Library)]
    private static extern nint tjInitCompress();

    [DllImport(Library)]
    private static extern int tjCompress2(nint handle, byte[] srcBuf, int width, int pitch, int height, int pixelFormat,
        ref nint jpegBuf, ref nuint jpegSize, int jpegSubsamp, int jpegQual, int flags);

    [DllImport(Library)]
    private static extern void tjFree(nint buffer);

    [DllImport(Library)]
    private static extern int tjDestroy(nint handle);
}
