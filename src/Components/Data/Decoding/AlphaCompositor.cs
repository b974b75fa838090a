namespace Seer.Toolkit.Data;

/// <summary>Flattens premultiplied RGBA onto an opaque gray background into RGB.</summary>
internal static class AlphaCompositor
{
    /// <summary>The neutral background for transparent pixels (128, 128, 128).</summary>
    public const byte Background = 128;

    /// <summary>RGB = premultiplied colour + background × (1 − alpha), for <paramref name="pixels"/> RGBA pixels.</summary>
    public static unsafe byte[] PremultipliedToRgb(byte* rgba, long pixels)
    {
        var rgb = new byte[3 * pixels];
        for (long i = 0; i < pixels; i++)
        {
            var p = rgba + 4 * i;
            var under = (Background * (255 - p[3]) + 127) / 255;
            rgb[3 * i] = (byte)Math.Min(255, p[0] + under);
            rgb[3 * i + 1] = (byte)Math.Min(255, p[1] + under);
            rgb[3 * i + 2] = (byte)Math.Min(255, p[2] + under);
        }
        return rgb;
    }
}
