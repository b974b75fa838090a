namespace Seer.Toolkit.Tests.Data;

/// <summary>Pixel patterns for generated test images: four coloured quadrants, and a smooth "photo-like" scene.</summary>
internal static class TestPatterns
{
    public static readonly (byte R, byte G, byte B) Red = (255, 0, 0), Green = (0, 255, 0), Blue = (0, 0, 255), White = (255, 255, 255);

    /// <summary>Top-left red, top-right green, bottom-left blue, bottom-right white.</summary>
    public static (byte R, byte G, byte B) Quadrant(int x, int y, int width, int height) =>
        (x < width / 2, y < height / 2) switch
        {
            (true, true) => Red,
            (false, true) => Green,
            (true, false) => Blue,
            _ => White,
        };

    /// <summary>Gradients plus a disc: compressible like a photograph, with edges.</summary>
    public static (byte R, byte G, byte B) Scene(int x, int y, int width, int height)
    {
        double u = (double)x / width, v = (double)y / height;
        var disc = (u - 0.6) * (u - 0.6) + (v - 0.4) * (v - 0.4) < 0.04;
        return disc
            ? ((byte)230, (byte)(40 + 100 * v), (byte)30)
            : ((byte)(255 * u), (byte)(255 * v), (byte)(128 + 100 * Math.Sin(6 * u + 3 * v)));
    }

    /// <summary>Interleaved RGB bytes of <paramref name="pattern"/>.</summary>
    public static byte[] Rgb(int width, int height, Func<int, int, int, int, (byte R, byte G, byte B)> pattern)
    {
        var rgb = new byte[3 * width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = pattern(x, y, width, height);
                var i = 3 * (y * width + x);
                (rgb[i], rgb[i + 1], rgb[i + 2]) = (r, g, b);
            }
        return rgb;
    }

    /// <summary>Mean absolute difference between two equally sized RGB buffers.</summary>
    public static double MeanAbsoluteDifference(byte[] a, byte[] b)
    {
        Assert.Equal(a.Length, b.Length);
        long sum = 0;
        for (var i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return (double)sum / a.Length;
    }
}
