using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Distributed;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Tests.Distributed;

public class ProcessGroupTensorExtensionsTests
{
    private readonly TorchBackend _backend = new();

    [Fact]
    public void Float32SumAndMaxCombineEveryRank()
    {
        var results = InProcessGroup.Run(3, g =>
        {
            using var sum = _backend.FromArray([g.Rank, 10f * g.Rank, 1f], [3, 1]);
            using var max = _backend.FromArray([g.Rank, -g.Rank], [2]);
            g.AllReduce(sum, ReduceOp.Sum);
            g.AllReduce(max, ReduceOp.Max);
            return (sum.ToFloatArray(), max.ToFloatArray(), sum.Shape);
        });
        foreach (var (sum, max, shape) in results)
        {
            Assert.Equal([0f + 1 + 2, 0f + 10 + 20, 3], sum);
            Assert.Equal([2f, 0f], max);
            Assert.Equal([3L, 1], shape);
        }
    }

    [Fact]
    public void Int64SumIsExactBeyondFloatPrecision()
    {
        long big = (1L << 53) + 1;
        var results = InProcessGroup.Run(2, g =>
        {
            using var t = _backend.FromArray([big + g.Rank], [1]);
            g.AllReduce(t, ReduceOp.Sum);
            return BitConverter.ToInt64(_backend.ToBytes(t));
        });
        Assert.All(results, v => Assert.Equal(2 * big + 1, v));
    }

    [Fact]
    public void BFloat16TensorsAreReducedAndKeepTheirType()
    {
        var results = InProcessGroup.Run(2, g =>
        {
            using var f = _backend.FromArray([1.5f + g.Rank, -4f], [2]);
            using var t = _backend.Cast(f, DType.BFloat16);
            g.AllReduce(t, ReduceOp.Sum);
            return (t.DType, t.ToFloatArray());
        });
        Assert.All(results, r =>
        {
            Assert.Equal(DType.BFloat16, r.DType);
            Assert.Equal([1.5f + 2.5f, -8f], r.Item2);
        });
    }

    [Fact]
    public void BroadcastCopiesTheRootTensorToEveryRank()
    {
        var results = InProcessGroup.Run(3, g =>
        {
            using var t = _backend.FromArray([g.Rank * 1.0, g.Rank * 2.0], [2]);
            g.Broadcast(t, root: 2);
            return t.ToDoubleArray();
        });
        Assert.All(results, v => Assert.Equal([2.0, 4.0], v));
    }
}
