namespace Seer.Toolkit.Data;

/// <summary>Naive CMYK → RGB (R = (1 − C)(1 − K), no colour management), for CMYK/YCCK JPEGs.</summary>
public static class CmykConverter
{
    /// <summary>
    /// Converts packed CMYK to packed RGB. <paramref name="inverted"/>: samples store 255 − ink, as Adobe (APP14) files do;
    /// otherwise samples are ink amounts (0 = no ink).
    /// </summary>
    public static byte[] ToRgb(ReadOnlySpan<byte> cmyk, bool inverted)
    {
        var pixels = cmyk.Length / 4;
        var rgb = new byte[3L * pixels];
        for (var i = 0; i < pixels; i++)
        {
            int c = cmyk[4 * i], m = cmyk[4 * i + 1], y = cmyk[4 * i + 2], k = cmyk[4 * i + 3];
            if (!inverted)
            {
                c = 255 - c;
                m = 255 - m;
                y = 255 - y;
                k = 255 - k;
            }
            rgb[3 * i] = Scale(c, k);
            rgb[3 * i + 1] = Scale(m, k);
            rgb[3 * i + 2] = Scale(y, k);
        }
        return rgb;
    }

    private static byte Scale(int a, int b) => (byte)((a * b + 127) / 255);
}
