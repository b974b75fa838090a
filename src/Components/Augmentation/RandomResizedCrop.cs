namespace Seer.Toolkit.Components.Augmentation;

/// <summary>A crop box in source pixels.</summary>
public readonly record struct CropBox(int Top, int Left, int Height, int Width);

/// <summary>
/// torchvision's RandomResizedCrop: area fraction s ~ U[scale], log aspect ~ U[log ratio], up to 10 tries, else a
/// centre crop with the aspect clamped to the ratio range; then bilinear resize to size × size.
/// </summary>
public static class RandomResizedCrop
{
    /// <summary>Samples the crop box.</summary>
    public static CropBox Sample(int height, int width, double scaleMin, double scaleMax, AugmentRandom rng,
        double ratioMin = 3.0 / 4.0, double ratioMax = 4.0 / 3.0)
    {
        double area = (double)height * width;
        double logMin = Math.Log(ratioMin), logMax = Math.Log(ratioMax);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double target = area * rng.Uniform(scaleMin, scaleMax);
            double aspect = Math.Exp(rng.Uniform(logMin, logMax));
            int w = (int)Math.Round(Math.Sqrt(target * aspect));
            int h = (int)Math.Round(Math.Sqrt(target / aspect));
            if (w > 0 && h > 0 && w <= width && h <= height)
                return new CropBox(rng.NextInt(height - h + 1), rng.NextInt(width - w + 1), h, w);
        }
        double inRatio = (double)width / height;
        int cw, ch;
        if (inRatio < ratioMin) { cw = width; ch = (int)Math.Round(cw / ratioMin); }
        else if (inRatio > ratioMax) { ch = height; cw = (int)Math.Round(ch * ratioMax); }
        else { cw = width; ch = height; }
        return new CropBox((height - ch) / 2, (width - cw) / 2, ch, cw);
    }

    /// <summary>Bilinear resize of a box to size × size (half-pixel centres, edge clamped, as align_corners=False).</summary>
    public static ImageF CropResize(ImageF src, CropBox box, int size)
    {
        var dst = new ImageF(size, size);
        double sy = (double)box.Height / size, sx = (double)box.Width / size;
        for (int oy = 0; oy < size; oy++)
        {
            double fy = Math.Clamp(box.Top + (oy + 0.5) * sy - 0.5, 0, src.Height - 1);
            int y0 = (int)fy, y1 = Math.Min(y0 + 1, src.Height - 1);
            float wy = (float)(fy - y0);
            for (int ox = 0; ox < size; ox++)
            {
                double fx = Math.Clamp(box.Left + (ox + 0.5) * sx - 0.5, 0, src.Width - 1);
                int x0 = (int)fx, x1 = Math.Min(x0 + 1, src.Width - 1);
                float wx = (float)(fx - x0);
                for (int c = 0; c < 3; c++)
                {
                    float top = src.At(c, y0, x0) * (1 - wx) + src.At(c, y0, x1) * wx;
                    float bottom = src.At(c, y1, x0) * (1 - wx) + src.At(c, y1, x1) * wx;
                    dst.At(c, oy, ox) = top * (1 - wy) + bottom * wy;
                }
            }
        }
        return dst;
    }
}
