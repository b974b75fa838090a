namespace Seer.Toolkit.Data;

/// <summary>An 8-bit RGB image, interleaved row-major (HWC), upright (EXIF orientation applied).</summary>
public sealed class DecodedImage
{
    /// <summary>Wraps <paramref name="rgb"/> of exactly width × height × 3 bytes.</summary>
    public DecodedImage(int width, int height, byte[] rgb)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size must be positive, got {width}×{height}");
        if (rgb.LongLength != 3L * width * height) throw new ArgumentException($"expected {3L * width * height} RGB bytes, got {rgb.LongLength}", nameof(rgb));
        Width = width;
        Height = height;
        Rgb = rgb;
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Interleaved R, G, B bytes, row by row.</summary>
    public byte[] Rgb { get; }

    /// <summary>The (R, G, B) sample at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var i = 3 * ((long)y * Width + x);
            return (Rgb[i], Rgb[i + 1], Rgb[i + 2]);
        }
    }
}
