using Seer.Toolkit.Backends;

namespace Seer.Toolkit.Components.Evaluation;

/// <summary>
/// kNN evaluation: s_ij = x̂_i · x̂_j (unit rows), the top-k training rows of each test row vote Σ exp(s/τ) per class;
/// top-1/top-5 from the vote totals. Similarities are computed on the backend in blocks of test rows.
/// </summary>
public static class KnnClassifier
{
    /// <summary>Classifies every test row and scores top-1/top-5 against its label.</summary>
    public static ProbeResult Run(IBackend backend, FeatureSet train, FeatureSet test, int classes, KnnOptions options, EvalTrace? trace = null)
    {
        options.Validate();
        FeatureSet.ValidatePair(train, test);
        int k = Math.Min(options.K, train.Count), d = train.Dim;
        using var noGrad = backend.NoGrad();
        using var outer = backend.NewScope();
        var bank = backend.Transpose(backend.L2Normalize(backend.FromArray(train.Features, [train.Count, d]), 1), 0, 1);   // [d, n]
        int top1 = 0, top5 = 0;
        var votes = new double[classes];
        var confusion = new ConfusionMatrix(classes);
        var best = new (float Sim, int Row)[k];
        for (int start = 0; start < test.Count; start += options.BlockRows)
        {
            int m = Math.Min(options.BlockRows, test.Count - start);
            using var scope = backend.NewScope();
            var q = backend.L2Normalize(backend.FromArray(test.Features.AsSpan(start * d, m * d), [m, d]), 1);            // [m, d]
            var sims = backend.MatMul(q, bank).ToFloatArray();                                                             // [m, n]
            for (int i = 0; i < m; i++)
            {
                int found = TopK(sims.AsSpan(i * train.Count, train.Count), best);
                Array.Clear(votes);
                for (int j = 0; j < found; j++) votes[train.Labels[best[j].Row]] += Math.Exp(best[j].Sim / options.Temperature);
                int label = test.Labels[start + i], better = 0;
                foreach (var v in votes) if (v > votes[label]) better++;
                if (better == 0) top1++;
                if (better < 5) top5++;
                confusion.AddScores(label, votes);
            }
        }
        if (trace is not null) trace.Confusion = confusion;
        return new ProbeResult(100.0 * top1 / test.Count, 100.0 * top5 / test.Count, train.Count, test.Count);
    }

    /// <summary>The k largest similarities (ties: lower row first), unordered; returns how many were filled.</summary>
    public static int TopK(ReadOnlySpan<float> sims, (float Sim, int Row)[] best)
    {
        int k = best.Length, filled = 0, minAt = 0;
        for (int r = 0; r < sims.Length; r++)
        {
            float s = sims[r];
            if (filled < k)
            {
                best[filled++] = (s, r);
                if (filled == k) minAt = MinIndex(best);
                continue;
            }
            if (s <= best[minAt].Sim) continue;
            best[minAt] = (s, r);
            minAt = MinIndex(best);
        }
        return filled;
    }

    private static int MinIndex((float Sim, int Row)[] best)
    {
        int at = 0;
        for (int i = 1; i < best.Length; i++)
            if (best[i].Sim < best[at].Sim || (best[i].Sim == best[at].Sim && best[i].Row > best[at].Row)) at = i;
        return at;
    }
}
