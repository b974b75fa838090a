namespace Seer.Toolkit.Components.Augmentation;

/// <summary>A float RGB image, planar CHW (3 × H × W), values in [0, 1] until normalised.</summary>
public sealed class ImageF
{
    /// <summary>Allocates a zero image.</summary>
    public ImageF(int height, int width)
    {
        if (height <= 0 || width <= 0) throw new ArgumentOutOfRangeException(nameof(height), $"image size must be positive, got {height}×{width}");
        Height = height;
        Width = width;
        Data = new float[3 * height * width];
    }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Planar CHW samples.</summary>
    public float[] Data { get; }

    /// <summary>Pixels per plane.</summary>
    public int Plane => Height * Width;

    /// <summary>Sample of channel c at (y, x).</summary>
    public ref float At(int c, int y, int x) => ref Data[(c * Height + y) * Width + x];

    /// <summary>From 8-bit interleaved RGB (HWC).</summary>
    public static ImageF FromRgb(ReadOnlySpan<byte> rgb, int height, int width)
    {
        if (rgb.Length != 3 * height * width) throw new ArgumentException($"{rgb.Length} bytes for a {height}×{width} RGB image");
        var img = new ImageF(height, width);
        int plane = img.Plane;
        for (int i = 0; i < plane; i++)
        {
            img.Data[i] = rgb[3 * i] / 255f;
            img.Data[plane + i] = rgb[3 * i + 1] / 255f;
            img.Data[2 * plane + i] = rgb[3 * i + 2] / 255f;
        }
        return img;
    }

    /// <summary>From 8-bit grayscale, replicated to three channels.</summary>
    public static ImageF FromGray(ReadOnlySpan<byte> gray, int height, int width)
    {
        if (gray.Length != height * width) throw new ArgumentException($"{gray.Length} bytes for a {height}×{width} gray image");
        var img = new ImageF(height, width);
        int plane = img.Plane;
        for (int i = 0; i < plane; i++)
            img.Data[i] = img.Data[plane + i] = img.Data[2 * plane + i] = gray[i] / 255f;
        return img;
    }

    /// <summary>Deep copy.</summary>
    public ImageF Clone()
    {
        var copy = new ImageF(Height, Width);
        Data.CopyTo(copy.Data, 0);
        return copy;
    }
}
