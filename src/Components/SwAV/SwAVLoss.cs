using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.SwAV;

/// <summary>
/// SwAV swapped prediction (Caron et al. 2020, Eq. 1–2): for each assignment crop i, q_i = Sinkhorn(S_i) (detached) and
/// ℓ_i = mean_{v≠i} −mean_b Σ_k q_i[b,k] · log softmax(S_v/τ)[b,k]; the loss is mean_i ℓ_i. Scores are crop-major
/// [(Σ crops)·B, K]. With a queue, Sinkhorn runs on cat(queue·Cᵀ, S_i) and keeps the last B rows (§3.1, small batches).
/// </summary>
public sealed class SwAVLoss
{
    private readonly SinkhornKnopp _sinkhorn;

    /// <summary>Builds the loss; <paramref name="reducer"/> makes Sinkhorn distributed (null: one process).</summary>
    public SwAVLoss(SwAVLossOptions options, ISinkhornReducer? reducer = null)
    {
        if (options.NumCrops < 2) throw new ArgumentOutOfRangeException(nameof(options), options.NumCrops, "SwAV needs at least two crops");
        if (options.CropsForAssign.Length == 0) throw new ArgumentException("at least one assignment crop is needed", nameof(options));
        foreach (var c in options.CropsForAssign)
            if (c < 0 || c >= options.NumCrops)
                throw new ArgumentOutOfRangeException(nameof(options), c, $"assignment crop {c} is not one of the {options.NumCrops} crops");
        if (!(options.Temperature > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.Temperature, "temperature must be positive");
        if (options.QueueLength < 0) throw new ArgumentOutOfRangeException(nameof(options), options.QueueLength, "queue length must be non-negative");
        Options = options;
        _sinkhorn = new SinkhornKnopp(options.Epsilon, options.SinkhornIterations, reducer);
        Queue = options.QueueLength > 0 ? new EmbeddingQueue(options.CropsForAssign.Length, options.QueueLength) : null;
    }

    /// <summary>The hyperparameters.</summary>
    public SwAVLossOptions Options { get; }

    /// <summary>The embedding queue, or null when <see cref="SwAVLossOptions.QueueLength"/> is 0.</summary>
    public EmbeddingQueue? Queue { get; }

    /// <summary>When set, every loss value is observed (one host read per step) for the ln K plateau.</summary>
    public CollapseDetector? CollapseDetector { get; set; }

    /// <summary>Loss without the queue: scores [(Σ crops)·B, K] → scalar.</summary>
    public Tensor Forward(Tensor scores) => Finish(SwappedPrediction(scores, Assignments(scores)));

    /// <summary>
    /// Loss at <paramref name="iteration"/> with the queue: scores [(Σ crops)·B, K], embeddings z [(Σ crops)·B, D] and
    /// prototypes C [K, D]. The queue is used once full, then receives the assignment crops' current z (detached).
    /// </summary>
    public Tensor Forward(Tensor scores, Tensor embeddings, Tensor prototypes, long iteration)
    {
        bool queueOn = Queue is not null && iteration >= Options.QueueStartIteration;
        var assignments = Assignments(scores, queueOn && Queue!.IsFull ? prototypes : null);
        var loss = SwappedPrediction(scores, assignments);
        if (queueOn)
        {
            long b = BatchSize(embeddings);
            Queue!.Push([.. Options.CropsForAssign.Select(c => embeddings.Backend.Narrow(embeddings, 0, c * b, b))]);
        }
        return Finish(loss);
    }

    /// <summary>Loss at <paramref name="iteration"/> from the head's output, with its prototypes for the queue.</summary>
    public Tensor Forward(SwAVHeadOutput output, SwAVHead head, long iteration) =>
        Forward(output.Scores, output.Embeddings, head.Prototypes.Weight, iteration);

    /// <summary>
    /// Codes q_i [B, K] (float32, detached) per assignment crop. With <paramref name="prototypes"/> C, Sinkhorn sees
    /// cat(queue_i · Cᵀ, S_i) [L + B, K] and the last B rows are kept.
    /// </summary>
    public Tensor[] Assignments(Tensor scores, Tensor? prototypes = null)
    {
        long b = BatchSize(scores);
        var backend = scores.Backend;
        var codes = new Tensor[Options.CropsForAssign.Length];
        using var noGrad = backend.NoGrad();
        for (int i = 0; i < codes.Length; i++)
        {
            var s = backend.Narrow(backend.Detach(scores), 0, Options.CropsForAssign[i] * b, b);           // [B, K]
            if (prototypes is null || Queue is null)
            {
                codes[i] = _sinkhorn.Assign(s);                                                           // [B, K]
                continue;
            }
            var c = backend.Detach(prototypes);
            var queued = backend.MatMul(backend.Cast(Queue[i], c.DType), backend.Transpose(c, 0, 1));     // [L, K]
            var q = _sinkhorn.Assign(backend.Cat([queued, backend.Cast(s, queued.DType)], 0));             // [L + B, K]
            codes[i] = backend.Narrow(q, 0, q.Shape[0] - b, b);                                           // [B, K]
        }
        return codes;
    }

    /// <summary>
    /// Swapped prediction with given codes: mean_i mean_{v≠c_i} −mean_b Σ_k q_i[b,k] log softmax(S_v/τ)[b,k]
    /// (half-precision scores are promoted to float32; float64 stays float64).
    /// </summary>
    public Tensor SwappedPrediction(Tensor scores, IReadOnlyList<Tensor> assignments)
    {
        if (assignments.Count != Options.CropsForAssign.Length)
            throw new ArgumentException($"{assignments.Count} assignments for {Options.CropsForAssign.Length} assignment crops", nameof(assignments));
        long b = BatchSize(scores);
        var backend = scores.Backend;
        var s = scores.DType is DType.Float64 ? scores : backend.Cast(scores, DType.Float32);          // [C·B, K]
        var logP = new Tensor[Options.NumCrops];
        for (int v = 0; v < Options.NumCrops; v++)
            logP[v] = backend.LogSoftmax(backend.Narrow(s, 0, v * b, b) * (1 / Options.Temperature), 1);  // [B, K]

        Tensor? total = null;
        for (int i = 0; i < assignments.Count; i++)
        {
            var q = backend.Cast(assignments[i], s.DType);                                               // [B, K]
            Tensor? crossEntropy = null;
            for (int v = 0; v < Options.NumCrops; v++)
            {
                if (v == Options.CropsForAssign[i]) continue;
                var term = backend.Mean(backend.Sum(q * logP[v], [1]));                                  // [] mean_b Σ_k q log p
                crossEntropy = crossEntropy is null ? -term : crossEntropy - term;
            }
            var perCrop = crossEntropy! / (Options.NumCrops - 1);
            total = total is null ? perCrop : total + perCrop;
        }
        return total! / assignments.Count;
    }

    /// <summary>B = rows / crops, checking the crop-major layout divides evenly.</summary>
    private long BatchSize(Tensor t)
    {
        if (t.Rank != 2 || t.Shape[0] % Options.NumCrops != 0)
            throw new ArgumentException($"expected [crops·B, ·] with {Options.NumCrops} crops, got {t.ShapeText}", nameof(t));
        return t.Shape[0] / Options.NumCrops;
    }

    /// <summary>Feeds the collapse detector, if any.</summary>
    private Tensor Finish(Tensor loss)
    {
        CollapseDetector?.Observe(loss.Item());
        return loss;
    }
}
