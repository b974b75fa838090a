using Seer.Toolkit.Components.Augmentation;
using Seer.Toolkit.Components.Pretraining;

namespace Seer.Toolkit.Tests.Pretraining;

/// <summary>The pretraining batch stream: shapes, permutations, and exact resumption.</summary>
public class PretrainBatchStreamTests
{
    private sealed class Synthetic(int count, int broken = -1) : IImageCollection
    {
        public int Count => count;

        public ImageF? Load(int index)
        {
            if (index == broken) return null;
            var img = new ImageF(12, 12);
            for (int i = 0; i < img.Data.Length; i++) img.Data[i] = (index * 31 + i) % 17 / 16f;
            return img;
        }
    }

    private static readonly MultiCropOptions Small = new() { Sizes = [8, 4], Counts = [2, 2] };

    private static async Task<List<PretrainBatch>> Take(PretrainBatchStream s, long epoch, long index, int n)
    {
        var list = new List<PretrainBatch>();
        await foreach (var b in s.ReadAsync(epoch, index))
        {
            list.Add(b);
            if (list.Count == n) break;
        }
        return list;
    }

    [Fact]
    public void Each_epoch_is_a_permutation_that_depends_on_the_epoch()
    {
        var s = new PretrainBatchStream(new Synthetic(50), new MultiCropTransform(Small), 4, seed: 3);
        var e0 = s.Order(0);
        Assert.Equal(Enumerable.Range(0, 50), e0.Order());
        Assert.NotEqual(e0, s.Order(1));
        Assert.Equal(e0, new PretrainBatchStream(new Synthetic(50), new MultiCropTransform(Small), 4, seed: 3).Order(0));
        Assert.Equal(12, s.BatchesPerEpoch);
    }

    [Fact]
    public async Task Resuming_at_a_position_replays_the_same_batches()
    {
        var s = new PretrainBatchStream(new Synthetic(20), new MultiCropTransform(Small), 4, seed: 9, workers: 2);
        var straight = await Take(s, 0, 0, 8);                         // 5 batches per epoch: crosses into epoch 1
        Assert.Equal([(0L, 0L), (0, 1), (0, 2), (0, 3), (0, 4), (1, 0), (1, 1), (1, 2)], straight.Select(b => (b.Epoch, b.Index)));
        var resumed = await Take(s, 1, 1, 2);
        for (int k = 0; k < 2; k++)
            for (int g = 0; g < 2; g++)
                Assert.Equal(straight[6 + k].Groups[g].Pixels, resumed[k].Groups[g].Pixels);
        Assert.Equal(new long[] { 8, 3, 8, 8 }, straight[0].Groups[0].Shape);
        Assert.Equal(new long[] { 8, 3, 4, 4 }, straight[0].Groups[1].Shape);
    }

    [Fact]
    public void Unusable_images_are_replaced_and_counted()
    {
        var s = new PretrainBatchStream(new Synthetic(8, broken: 5), new MultiCropTransform(Small), 8, seed: 1);
        var batch = s.Build(s.Order(0), 0, 0);
        Assert.Equal(1, batch.Skipped);
    }
}
