using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>
/// FIFO of past embeddings, one [L, D] matrix per assignment crop, newest rows first (swav: queue[i, bs:] ← queue[i, :-bs];
/// queue[i, :bs] ← z). Its state exports as named tensors for checkpoints.
/// </summary>
public sealed class EmbeddingQueue
{
    private Tensor[]? _slots;

    /// <summary>An empty queue of <paramref name="length"/> rows for <paramref name="crops"/> assignment crops.</summary>
    public EmbeddingQueue(int crops, int length)
    {
        if (crops <= 0) throw new ArgumentOutOfRangeException(nameof(crops), crops, "at least one assignment crop");
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), length, "queue length must be positive");
        Crops = crops;
        Length = length;
    }

    /// <summary>Number of assignment crops.</summary>
    public int Crops { get; }

    /// <summary>Rows L per crop.</summary>
    public int Length { get; }

    /// <summary>Rows filled so far (at most L).</summary>
    public long Filled { get; private set; }

    /// <summary>True once L embeddings were pushed: only then is the queue used (no all-zero rows in Sinkhorn).</summary>
    public bool IsFull => Filled >= Length;

    /// <summary>Queued embeddings of assignment crop <paramref name="crop"/>: [L, D].</summary>
    public Tensor this[int crop] => (_slots ?? throw new InvalidOperationException("the queue is empty"))[crop];

    /// <summary>No grad: queue_i ← cat(z_i, queue_i[: L − B]) for each assignment crop's embeddings z_i [B, D].</summary>
    public void Push(IReadOnlyList<Tensor> embeddingsPerCrop)
    {
        if (embeddingsPerCrop.Count != Crops)
            throw new ArgumentException($"{embeddingsPerCrop.Count} embedding blocks given for {Crops} assignment crops", nameof(embeddingsPerCrop));
        var first = embeddingsPerCrop[0];
        var backend = first.Backend;
        long b = first.Shape[0];
        if (b > Length) throw new ArgumentException($"batch of {b} does not fit a queue of {Length}", nameof(embeddingsPerCrop));
        using var noGrad = backend.NoGrad();
        _slots ??= [.. Enumerable.Range(0, Crops).Select(_ => backend.Persist(backend.To(backend.Zeros([Length, first.Shape[1]], first.DType), first.Device)))];
        for (int i = 0; i < Crops; i++)
        {
            var old = _slots[i];
            Tensor next;
            using (backend.NewScope())
            {
                var z = backend.Cast(backend.Detach(embeddingsPerCrop[i]), old.DType);                  // [B, D]
                next = backend.Persist(backend.Cat([z, backend.Narrow(old, 0, 0, Length - b)], 0));       // [L, D]
            }
            _slots[i] = next;
            old.Dispose();
        }
        Filled = Math.Min(Length, Filled + b);
    }

    /// <summary>Named state: "queue.{i}" [L, D] per crop (absent while empty); the fill count is <see cref="Filled"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> ExportState() => _slots is null
        ? []
        : [.. _slots.Select((t, i) => new KeyValuePair<string, Tensor>($"queue.{i}", t))];

    /// <summary>Restores <see cref="ExportState"/> output (copied) and the fill count.</summary>
    public void ImportState(IReadOnlyDictionary<string, Tensor> state, long filled)
    {
        var slots = new Tensor[Crops];
        for (int i = 0; i < Crops; i++)
        {
            if (!state.TryGetValue($"queue.{i}", out var t)) throw new KeyNotFoundException($"queue state lacks 'queue.{i}'");
            if (t.Rank != 2 || t.Shape[0] != Length)
                throw new ArgumentException($"queue.{i} has shape {t.ShapeText}, expected [{Length}, D]", nameof(state));
            using var noGrad = t.Backend.NoGrad();
            var copy = t.Backend.Persist(t.Backend.To(t.Backend.Zeros(t.Shape, t.DType), t.Device));
            t.Backend.CopyInPlace(copy, t);
            slots[i] = copy;
        }
        if (_slots is not null) foreach (var s in _slots) s.Dispose();
        _slots = slots;
        Filled = Math.Clamp(filled, 0, Length);
    }
}
