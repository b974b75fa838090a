namespace Seer.Toolkit.Components.Optim;

/// <summary>Linear scaling rule (Goyal et al. 2017): lr = base · batch / reference, reference 256 images.</summary>
public static class LearningRateScaling
{
    /// <summary>Images per base learning rate.</summary>
    public const int ReferenceBatch = 256;

    /// <summary>lr = <paramref name="baseLr"/> · <paramref name="globalBatch"/> / <paramref name="reference"/>.</summary>
    public static double Scale(double baseLr, long globalBatch, int reference = ReferenceBatch)
    {
        if (globalBatch <= 0) throw new ArgumentOutOfRangeException(nameof(globalBatch), globalBatch, "batch must be positive");
        if (reference <= 0) throw new ArgumentOutOfRangeException(nameof(reference), reference, "reference batch must be positive");
        return baseLr * globalBatch / reference;
    }
}
