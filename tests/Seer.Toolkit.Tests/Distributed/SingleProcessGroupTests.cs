using Seer.Toolkit.Backends.TorchSharp;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Tests.Distributed;

public class SingleProcessGroupTests
{
    private readonly SingleProcessGroup _group = new();

    [Fact]
    public void IsRankZeroOfOne()
    {
        Assert.Equal((0, 1), (_group.Rank, _group.Size));
    }

    [Theory]
    [InlineData(ReduceOp.Sum)]
    [InlineData(ReduceOp.Max)]
    public void AllReduceLeavesDataUnchanged(ReduceOp op)
    {
        double[] data = [1.5, -2, 3];
        _group.AllReduce<double>(data, op);
        Assert.Equal([1.5, -2, 3], data);
    }

    [Fact]
    public void AllGatherCopiesTheOnlyContribution()
    {
        var receive = new long[3];
        _group.AllGather<long>([7, 8, 9], receive);
        Assert.Equal([7L, 8, 9], receive);
    }

    [Fact]
    public void AllGatherRejectsAWrongReceiveLength()
    {
        Assert.Throws<ArgumentException>(() => _group.AllGather<int>([1, 2], new int[3]));
    }

    [Fact]
    public void BroadcastFromAnotherRankIsAnError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _group.Broadcast<float>(new float[2], root: 1));
    }

    [Fact]
    public void SplitGivesAnotherGroupOfOne()
    {
        using var sub = _group.Split(color: 3, key: 9);
        Assert.Equal((0, 1), (sub.Rank, sub.Size));
        Assert.Throws<ArgumentOutOfRangeException>(() => _group.Split(color: -1, key: 0));
    }

    [Fact]
    public void UnsupportedElementTypesAreRejected()
    {
        var error = Assert.Throws<NotSupportedException>(() => _group.AllReduce<short>(new short[1], ReduceOp.Sum));
        Assert.Contains("Int16", error.Message);
    }

    [Fact]
    public void TensorAllReduceLeavesTheTensorUnchanged()
    {
        var backend = new TorchBackend();
        using var t = backend.FromArray([1f, 2f, 3f], [3]);
        _group.AllReduce(t, ReduceOp.Sum);
        Assert.Equal([1f, 2f, 3f], t.ToFloatArray());
    }
}
