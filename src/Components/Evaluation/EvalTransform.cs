using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Datasets;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// The deterministic evaluation transform to side S: either the whole image resized to S × S (IDX datasets), or
/// torchvision's Resize(round(S·256/224)) on the shorter side (longer side ⌊r·long/short⌋, antialiased bilinear) then
/// CenterCrop(S) (offset round((size − S)/2), half to even).
/// </summary>
public static class EvalTransform
{
    /// <summary>The shorter side before the centre crop: round(S·256/224) (256 for S = 224).</summary>
    public static int ResizeSide(int side) => (int)Math.Round(side * 256.0 / 224.0, MidpointRounding.AwayFromZero);

    /// <summary>The transformed image (a new image; <paramref name="img"/> is not changed).</summary>
    public static ImageF Apply(ImageF img, int side, EvalCrop crop)
    {
        if (side <= 0) throw new ArgumentOutOfRangeException(nameof(side), $"resolution must be positive, got {side}");
        if (crop == EvalCrop.WholeImage)
            return side == img.Height && side == img.Width ? img.Clone() : RandomResizedCrop.CropResize(img, new CropBox(0, 0, img.Height, img.Width), side);
        int target = ResizeSide(side);
        var (h, w) = img.Height <= img.Width
            ? (target, (int)((double)target * img.Width / img.Height))
            : ((int)((double)target * img.Height / img.Width), target);
        var resized = ImageResize.Bilinear(img, h, w);
        int top = (int)Math.Round((h - side) / 2.0), left = (int)Math.Round((w - side) / 2.0);
        return CenterCrop(resized, top, left, side);
    }

    private static ImageF CenterCrop(ImageF src, int top, int left, int side)
    {
        var dst = new ImageF(side, side);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < side; y++)
                Array.Copy(src.Data, (c * src.Height + top + y) * src.Width + left, dst.Data, (c * side + y) * side, side);
        return dst;
    }
}
