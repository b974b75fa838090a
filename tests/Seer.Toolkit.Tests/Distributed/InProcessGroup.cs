using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Seer.Toolkit.Distributed;

namespace Seer.Toolkit.Tests.Distributed;

/// <summary>A test double with real multi-rank semantics: N ranks are N threads of this process.</summary>
/// <remarks>
/// The threads meet at a barrier; each collective publishes the rank's data, waits, combines what all ranks published, and waits again.
/// </remarks>
internal sealed class InProcessGroup : IProcessGroup
{
    private readonly Shared _shared;
    private int _splits;

    public int Rank { get; }
    public int Size => _shared.Size;
    public string Transport => "in-process";
    public TimeSpan CollectiveTimeout { get; set; } = Timeout.InfiniteTimeSpan;

    private InProcessGroup(Shared shared, int rank) => (_shared, Rank) = (shared, rank);

    /// <summary>Runs <paramref name="body"/> once per rank on its own thread and returns each rank's result in rank order.</summary>
    public static TResult[] Run<TResult>(int size, Func<IProcessGroup, TResult> body)
    {
        var shared = new Shared(size);
        var results = new TResult[size];
        var errors = new Exception?[size];
        var threads = Enumerable.Range(0, size).Select(r => new Thread(() =>
        {
            try { results[r] = body(new InProcessGroup(shared, r)); }
            catch (Exception e) { errors[r] = e; shared.Barrier.RemoveParticipant(); }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (errors.FirstOrDefault(e => e is not null) is { } error) throw new AggregateException(error);
        return results;
    }

    public void AllReduce<T>(Span<T> data, ReduceOp op) where T : unmanaged
    {
        CollectiveElement.Require<T>();
        var all = Exchange(data.ToArray());
        for (int i = 0; i < data.Length; i++)
        {
            T acc = all[0][i];
            for (int q = 1; q < Size; q++) acc = Combine(acc, all[q][i], op);
            data[i] = acc;
        }
        _shared.Barrier.SignalAndWait();
    }

    public void Broadcast<T>(Span<T> data, int root) where T : unmanaged
    {
        CollectiveElement.Require<T>();
        var all = Exchange(data.ToArray());
        all[root].CopyTo(data);
        _shared.Barrier.SignalAndWait();
    }

    public void AllGather<T>(ReadOnlySpan<T> send, Span<T> receive) where T : unmanaged
    {
        CollectiveElement.Require<T>();
        if (receive.Length != send.Length * Size) throw new ArgumentException("receive buffer has the wrong length");
        var all = Exchange(send.ToArray());
        for (int q = 0; q < Size; q++) all[q].CopyTo(receive.Slice(q * send.Length));
        _shared.Barrier.SignalAndWait();
    }

    public void Barrier() => _shared.Barrier.SignalAndWait();

    public IProcessGroup Split(int color, int key)
    {
        var all = Exchange(new[] { color, key });
        var members = Enumerable.Range(0, Size).Where(q => all[q][0] == color).OrderBy(q => all[q][1]).ThenBy(q => q).ToList();
        int split = _splits++;
        Shared child;
        lock (_shared.Children)
            if (!_shared.Children.TryGetValue((split, color), out child!))
                _shared.Children[(split, color)] = child = new Shared(members.Count);
        _shared.Barrier.SignalAndWait();
        return new InProcessGroup(child, members.IndexOf(Rank));
    }

    [DoesNotReturn]
    public void Abort(int exitCode) => throw new InvalidOperationException($"abort({exitCode})");

    public void Dispose() { }

    /// <summary>Publishes this rank's copy, waits for all ranks, and returns every rank's copy in rank order.</summary>
    private T[][] Exchange<T>(T[] mine)
    {
        _shared.Slots[Rank] = mine;
        _shared.Barrier.SignalAndWait();
        return _shared.Slots.Select(s => (T[])s!).ToArray();
    }

    private static T Combine<T>(T a, T b, ReduceOp op) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return As<float, T>(Pick(As<T, float>(a), As<T, float>(b), op));
        if (typeof(T) == typeof(double)) return As<double, T>(Pick(As<T, double>(a), As<T, double>(b), op));
        if (typeof(T) == typeof(long)) return As<long, T>(Pick(As<T, long>(a), As<T, long>(b), op));
        if (typeof(T) == typeof(int)) return As<int, T>(Pick(As<T, int>(a), As<T, int>(b), op));
        return As<byte, T>(Pick(As<T, byte>(a), As<T, byte>(b), op));
    }

    private static TNumber Pick<TNumber>(TNumber a, TNumber b, ReduceOp op) where TNumber : System.Numerics.INumber<TNumber> =>
        op == ReduceOp.Sum ? a + b : TNumber.Max(a, b);

    private static TTo As<TFrom, TTo>(TFrom value) => Unsafe.As<TFrom, TTo>(ref value);

    private sealed class Shared(int size)
    {
        public int Size { get; } = size;
        public Barrier Barrier { get; } = new(size);
        public object?[] Slots { get; } = new object?[size];
        public Dictionary<(int Split, int Color), Shared> Children { get; } = [];
    }
}
