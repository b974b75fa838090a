namespace Seer.Toolkit.Components.Augmentation;

/// <summary>Photometric operations with torchvision's definitions, in place on [0, 1] images.</summary>
public static class ColorOps
{
    /// <summary>ITU-R 601 luma: L = 0.299 R + 0.587 G + 0.114 B.</summary>
    public static float Luma(float r, float g, float b) => 0.299f * r + 0.587f * g + 0.114f * b;

    /// <summary>x ← clamp(f·x).</summary>
    public static void Brightness(ImageF img, float factor)
    {
        var d = img.Data;
        for (int i = 0; i < d.Length; i++) d[i] = Math.Clamp(d[i] * factor, 0f, 1f);
    }

    /// <summary>x ← clamp(f·x + (1−f)·mean(luma)).</summary>
    public static void Contrast(ImageF img, float factor)
    {
        int p = img.Plane;
        var d = img.Data;
        double sum = 0;
        for (int i = 0; i < p; i++) sum += Luma(d[i], d[p + i], d[2 * p + i]);
        float mean = (float)(sum / p);
        for (int i = 0; i < d.Length; i++) d[i] = Math.Clamp(factor * d[i] + (1 - factor) * mean, 0f, 1f);
    }

    /// <summary>x ← clamp(f·x + (1−f)·luma(x)) per pixel.</summary>
    public static void Saturation(ImageF img, float factor)
    {
        int p = img.Plane;
        var d = img.Data;
        for (int i = 0; i < p; i++)
        {
            float l = Luma(d[i], d[p + i], d[2 * p + i]);
            d[i] = Math.Clamp(factor * d[i] + (1 - factor) * l, 0f, 1f);
            d[p + i] = Math.Clamp(factor * d[p + i] + (1 - factor) * l, 0f, 1f);
            d[2 * p + i] = Math.Clamp(factor * d[2 * p + i] + (1 - factor) * l, 0f, 1f);
        }
    }

    /// <summary>Rotates hue by <paramref name="shift"/> turns (|shift| ≤ 0.5) through HSV.</summary>
    public static void Hue(ImageF img, float shift)
    {
        int p = img.Plane;
        var d = img.Data;
        for (int i = 0; i < p; i++)
        {
            var (h, s, v) = ToHsv(d[i], d[p + i], d[2 * p + i]);
            h = (h + shift) % 1f;
            if (h < 0) h += 1f;
            (d[i], d[p + i], d[2 * p + i]) = FromHsv(h, s, v);
        }
    }

    /// <summary>All three channels ← luma.</summary>
    public static void Grayscale(ImageF img)
    {
        int p = img.Plane;
        var d = img.Data;
        for (int i = 0; i < p; i++) d[i] = d[p + i] = d[2 * p + i] = Luma(d[i], d[p + i], d[2 * p + i]);
    }

    /// <summary>Mirrors columns.</summary>
    public static void FlipHorizontal(ImageF img)
    {
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < img.Height; y++)
                Array.Reverse(img.Data, (c * img.Height + y) * img.Width, img.Width);
    }

    /// <summary>(x − mean_c) / std_c per channel.</summary>
    public static void Normalize(ImageF img, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        int p = img.Plane;
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < p; i++) img.Data[c * p + i] = (img.Data[c * p + i] - mean[c]) / std[c];
    }

    /// <summary>RGB → HSV, all in [0, 1].</summary>
    public static (float H, float S, float V) ToHsv(float r, float g, float b)
    {
        float max = Math.Max(r, Math.Max(g, b)), min = Math.Min(r, Math.Min(g, b)), delta = max - min;
        float h = 0;
        if (delta > 0)
        {
            if (max == r) h = (g - b) / delta;
            else if (max == g) h = 2 + (b - r) / delta;
            else h = 4 + (r - g) / delta;
            h /= 6f;
            if (h < 0) h += 1f;
        }
        return (h, max > 0 ? delta / max : 0, max);
    }

    /// <summary>HSV → RGB, all in [0, 1].</summary>
    public static (float R, float G, float B) FromHsv(float h, float s, float v)
    {
        float h6 = h * 6f;
        int sector = (int)h6 % 6;
        float f = h6 - (int)h6;
        float p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
        return sector switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
    }
}
