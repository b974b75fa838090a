namespace Seer.Toolkit.Data;

/// <summary>Applies an EXIF orientation (1–8) to an interleaved RGB buffer so the result is upright.</summary>
public static class ImageOrientation
{
    /// <summary>True for orientations 5–8, which swap width and height.</summary>
    public static bool SwapsAxes(int orientation) => orientation is >= 5 and <= 8;

    /// <summary>The upright size of a stored <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public static (int Width, int Height) Oriented(int width, int height, int orientation) =>
        SwapsAxes(orientation) ? (height, width) : (width, height);

    /// <summary>Returns the upright image; orientation 1 (or an invalid value) returns the input unchanged.</summary>
    public static DecodedImage Apply(DecodedImage stored, int orientation)
    {
        if (orientation is < 2 or > 8) return stored;
        int w = stored.Width, h = stored.Height;
        var (ow, oh) = Oriented(w, h, orientation);
        var src = stored.Rgb;
        var dst = new byte[src.Length];
        for (var y = 0; y < oh; y++)
        {
            long row = (long)y * ow;
            for (var x = 0; x < ow; x++)
            {
                // Output (x, y) takes the stored pixel at (sx, sy): the inverse of the EXIF transform.
                var (sx, sy) = orientation switch
                {
                    2 => (w - 1 - x, y),
                    3 => (w - 1 - x, h - 1 - y),
                    4 => (x, h - 1 - y),
                    5 => (y, x),
                    6 => (y, h - 1 - x),
                    7 => (w - 1 - y, h - 1 - x),
                    _ => (w - 1 - y, x),
                };
                long s = 3 * ((long)sy * w + sx), d = 3 * (row + x);
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }
        return new DecodedImage(ow, oh, dst);
    }
}
