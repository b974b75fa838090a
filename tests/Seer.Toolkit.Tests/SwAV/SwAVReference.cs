namespace Seer.Toolkit.Tests.SwAV;

/// <summary>Plain double-precision SwAV formulas on host arrays, written independently of the components under test.</summary>
internal static class SwAVReference
{
    /// <summary>Fixed "cosine similarity"-like scores in [−0.9, 0.9]: s[r, k] = 0.9 sin(1.3 r + 0.7 k + phase).</summary>
    public static double[,] Scores(int rows, int k, double phase = 0.3)
    {
        var s = new double[rows, k];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < k; j++)
                s[r, j] = 0.9 * Math.Sin(1.3 * r + 0.7 * j + phase);
        return s;
    }

    /// <summary>swav distributed_sinkhorn on one process, in double: returns B×K.</summary>
    public static double[,] Sinkhorn(double[,] scores, double epsilon, int iterations, bool subtractMax = true)
    {
        int b = scores.GetLength(0), k = scores.GetLength(1);
        double max = double.NegativeInfinity;
        foreach (var v in scores) max = Math.Max(max, v / epsilon);
        if (!subtractMax) max = 0;
        var q = new double[k, b];
        double total = 0;
        for (int j = 0; j < k; j++)
            for (int i = 0; i < b; i++)
                total += q[j, i] = Math.Exp(scores[i, j] / epsilon - max);
        for (int j = 0; j < k; j++)
            for (int i = 0; i < b; i++)
                q[j, i] /= total;
        for (int it = 0; it < iterations; it++)
        {
            for (int j = 0; j < k; j++)
            {
                double row = 0;
                for (int i = 0; i < b; i++) row += q[j, i];
                for (int i = 0; i < b; i++) q[j, i] = q[j, i] / row / k;
            }
            for (int i = 0; i < b; i++)
            {
                double col = 0;
                for (int j = 0; j < k; j++) col += q[j, i];
                for (int j = 0; j < k; j++) q[j, i] = q[j, i] / col / b;
            }
        }
        var result = new double[b, k];
        for (int i = 0; i < b; i++)
            for (int j = 0; j < k; j++)
                result[i, j] = q[j, i] * b;
        return result;
    }

    /// <summary>Rows [start, start + count) of a matrix.</summary>
    public static double[,] Rows(double[,] m, int start, int count)
    {
        var r = new double[count, m.GetLength(1)];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < m.GetLength(1); j++)
                r[i, j] = m[start + i, j];
        return r;
    }

    /// <summary>
    /// Swapped-prediction loss with given codes: mean over assignment crops i of the mean over crops v ≠ c_i of
    /// −(1/B) Σ_b Σ_k q_i[b,k] · log softmax_k(s_v[b,·]/τ).
    /// </summary>
    public static double Loss(double[,] scores, int crops, int[] assignCrops, IReadOnlyList<double[,]> codes, double tau)
    {
        int b = scores.GetLength(0) / crops, k = scores.GetLength(1);
        double total = 0;
        for (int a = 0; a < assignCrops.Length; a++)
        {
            double sub = 0;
            for (int v = 0; v < crops; v++)
            {
                if (v == assignCrops[a]) continue;
                double ce = 0;
                for (int i = 0; i < b; i++)
                {
                    double max = double.NegativeInfinity;
                    for (int j = 0; j < k; j++) max = Math.Max(max, scores[v * b + i, j] / tau);
                    double z = 0;
                    for (int j = 0; j < k; j++) z += Math.Exp(scores[v * b + i, j] / tau - max);
                    double logZ = max + Math.Log(z);
                    for (int j = 0; j < k; j++) ce -= codes[a][i, j] * (scores[v * b + i, j] / tau - logZ);
                }
                sub += ce / b;
            }
            total += sub / (crops - 1);
        }
        return total / assignCrops.Length;
    }

    /// <summary>Row-major flattening.</summary>
    public static double[] Flat(double[,] m)
    {
        var f = new double[m.Length];
        int n = 0;
        foreach (var v in m) f[n++] = v;
        return f;
    }

    /// <summary>Row-major array back to a matrix.</summary>
    public static double[,] Matrix(double[] flat, int rows, int cols)
    {
        var m = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                m[i, j] = flat[i * cols + j];
        return m;
    }
}
