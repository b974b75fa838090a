namespace Seer.Toolkit.Components.Augmentation;

/// <summary>
/// Crops of one resolution stacked crop-major, as SwAV feeds the trunk: row r = k·B + b holds crop k of sample b,
/// so one trunk call per resolution and the loss reads crop k's scores as rows [k·B, (k+1)·B).
/// </summary>
public sealed record CropGroupBatch(int Size, int CropsPerSample, int BatchSize, float[] Pixels)
{
    /// <summary>[crops·B, 3, S, S].</summary>
    public long[] Shape => [(long)CropsPerSample * BatchSize, 3, Size, Size];
}

/// <summary>Collates per-sample crops into one batch per resolution group.</summary>
public static class MultiCropBatch
{
    /// <summary>samples[b] is the crop list of sample b (same options for all).</summary>
    public static IReadOnlyList<CropGroupBatch> Collate(IReadOnlyList<IReadOnlyList<Crop>> samples, MultiCropOptions options)
    {
        int batch = samples.Count;
        var groups = new List<CropGroupBatch>();
        int first = 0;
        for (int g = 0; g < options.Sizes.Length; g++)
        {
            int size = options.Sizes[g], count = options.Counts[g], per = 3 * size * size;
            var pixels = new float[(long)count * batch * per];
            for (int k = 0; k < count; k++)
                for (int b = 0; b < batch; b++)
                {
                    var crop = samples[b][first + k];
                    if (crop.Group != g || crop.Image.Height != size)
                        throw new ArgumentException($"sample {b}: crop {first + k} is not of group {g} ({size} px)");
                    crop.Image.Data.CopyTo(pixels, ((long)k * batch + b) * per);
                }
            groups.Add(new CropGroupBatch(size, count, batch, pixels));
            first += count;
        }
        return groups;
    }
}
