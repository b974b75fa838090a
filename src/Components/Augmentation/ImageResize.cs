namespace Seer.Toolkit.Components.Augmentation;

/// <summary>
/// Antialiased bilinear resize as PIL / torchvision (antialias=True): separable triangle filter whose support widens
/// to the scale factor s = in/out when shrinking; output sample o reads inputs around (o + 0.5)·s with weights
/// max(0, 1 − |x − centre + 0.5| / max(s, 1)), normalised to sum 1.
/// </summary>
public static class ImageResize
{
    /// <summary>Resizes <paramref name="src"/> to <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static ImageF Bilinear(ImageF src, int height, int width)
    {
        if (height == src.Height && width == src.Width) return src.Clone();
        var (xStart, xWeights) = Coefficients(src.Width, width);
        var (yStart, yWeights) = Coefficients(src.Height, height);
        var horizontal = new float[3 * src.Height * width];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < src.Height; y++)
            {
                int row = (c * src.Height + y) * src.Width;
                for (int o = 0; o < width; o++)
                {
                    var w = xWeights[o];
                    float sum = 0;
                    for (int k = 0; k < w.Length; k++) sum += w[k] * src.Data[row + xStart[o] + k];
                    horizontal[(c * src.Height + y) * width + o] = sum;
                }
            }
        var dst = new ImageF(height, width);
        for (int c = 0; c < 3; c++)
            for (int o = 0; o < height; o++)
            {
                var w = yWeights[o];
                for (int x = 0; x < width; x++)
                {
                    float sum = 0;
                    for (int k = 0; k < w.Length; k++) sum += w[k] * horizontal[(c * src.Height + yStart[o] + k) * width + x];
                    dst.At(c, o, x) = sum;
                }
            }
        return dst;
    }

    /// <summary>First input index and normalised weights of each output sample (PIL's precompute_coeffs for the bilinear filter).</summary>
    internal static (int[] Start, float[][] Weights) Coefficients(int inSize, int outSize)
    {
        double scale = (double)inSize / outSize;
        double filterScale = Math.Max(scale, 1.0);
        double support = filterScale;                       // bilinear support 1, widened by the scale
        var start = new int[outSize];
        var weights = new float[outSize][];
        for (int o = 0; o < outSize; o++)
        {
            double centre = (o + 0.5) * scale;
            int lo = Math.Max(0, (int)(centre - support + 0.5));
            int hi = Math.Min(inSize, (int)(centre + support + 0.5));
            var w = new double[hi - lo];
            double total = 0;
            for (int k = 0; k < w.Length; k++)
            {
                double x = (k + lo - centre + 0.5) / filterScale;
                w[k] = Math.Max(0, 1 - Math.Abs(x));
                total += w[k];
            }
            start[o] = lo;
            weights[o] = [.. w.Select(v => total > 0 ? (float)(v / total) : 0f)];
        }
        return (start, weights);
    }
}
