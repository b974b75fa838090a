namespace Seer.Toolkit.Components.Augmentation;

/// <summary>Separable Gaussian blur: kernel k_i ∝ exp(−i² / 2σ²) for |i| ≤ ⌈3σ⌉, reflected borders.</summary>
public static class GaussianBlur
{
    /// <summary>Normalised 1-D kernel.</summary>
    public static float[] Kernel(double sigma)
    {
        if (sigma <= 0) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be positive");
        int r = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) sum += k[i + r] = (float)Math.Exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < k.Length; i++) k[i] = (float)(k[i] / sum);
        return k;
    }

    /// <summary>Blurs in place.</summary>
    public static void Apply(ImageF img, double sigma)
    {
        var k = Kernel(sigma);
        int r = k.Length / 2, h = img.Height, w = img.Width;
        var line = new float[Math.Max(h, w)];
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    float acc = 0;
                    for (int i = -r; i <= r; i++) acc += k[i + r] * img.At(c, y, Reflect(x + i, w));
                    line[x] = acc;
                }
                for (int x = 0; x < w; x++) img.At(c, y, x) = line[x];
            }
            for (int x = 0; x < w; x++)
            {
                for (int y = 0; y < h; y++)
                {
                    float acc = 0;
                    for (int i = -r; i <= r; i++) acc += k[i + r] * img.At(c, Reflect(y + i, h), x);
                    line[y] = acc;
                }
                for (int y = 0; y < h; y++) img.At(c, y, x) = line[y];
            }
        }
    }

    /// <summary>Mirror index into [0, n) without repeating the edge (…2 1 | 0 1 2 … n−1 | n−2 …).</summary>
    public static int Reflect(int i, int n)
    {
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        i %= period;
        if (i < 0) i += period;
        return i < n ? i : period - i;
    }
}
