using Seer.Toolkit.Data;

namespace Seer.Toolkit.Tests.Data;

/// <summary>Formats are decided by magic bytes, never by the name.</summary>
public class ImageFormatDetectorTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, ImageFormat.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, ImageFormat.Png)]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, ImageFormat.Gif)]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, ImageFormat.WebP)]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, ImageFormat.Unknown)]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42, 0 }, ImageFormat.Tiff)]
    [InlineData(new byte[] { (byte)'M', (byte)'M', 0, 42 }, ImageFormat.Tiff)]
    [InlineData(new byte[] { (byte)'P', (byte)'6', (byte)'\n' }, ImageFormat.Pnm)]
    [InlineData(new byte[] { (byte)'P', (byte)'5', (byte)' ' }, ImageFormat.Pnm)]
    [InlineData(new byte[] { (byte)'P', (byte)'K', 3, 4 }, ImageFormat.Unknown)]
    [InlineData(new byte[] { 0xFF, 0xD8 }, ImageFormat.Unknown)]
    [InlineData(new byte[0], ImageFormat.Unknown)]
    public void Detects_by_signature(byte[] head, ImageFormat expected) => Assert.Equal(expected, ImageFormatDetector.Detect(head));

    [Fact]
    public void Bmp_needs_a_known_dib_header_size_not_just_BM()
    {
        Assert.Equal(ImageFormat.Bmp, ImageFormatDetector.Detect(BmpWriter.Write(2, 2, new byte[12])));
        Assert.Equal(ImageFormat.Unknown, ImageFormatDetector.Detect("BM is a text file that starts like a bitmap"u8));
    }
}
