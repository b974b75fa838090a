using Seer.Toolkit.Backends.Ilgpu.Kernels;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Matrix products: C = A·B batched with broadcast leading dims, and y = x Wᵀ + b, on the configured GEMM path.</summary>
public sealed partial class IlgpuBackend
{
    /// <summary>A·B as torch.matmul: a 1-D A is a row [1,K], a 1-D B a column [K,1] (the added dim is removed again).</summary>
    public Tensor MatMul(Tensor a, Tensor b)
    {
        var ta = T(a);
        var tb = T(b);
        var sa = ta.Shape;
        var sb = tb.Shape;
        if (sa.Length == 0 || sb.Length == 0)
            throw new ArgumentException($"MatMul: both operands need at least one dim (got {ta.ShapeText} and {tb.ShapeText})");
        bool rowVector = sa.Length == 1, columnVector = sb.Length == 1;
        if (rowVector) sa = [1, sa[0]];
        if (columnVector) sb = [sb[0], 1];
        long m = sa[^2], k = sa[^1], n = sb[^1];
        if (sb[^2] != k)
            throw new ArgumentException($"MatMul: inner dims differ ({ta.ShapeText} · {tb.ShapeText}: {k} vs {sb[^2]})");

        var batchA = sa[..^2];
        var batchB = sb[..^2];
        var batch = Broadcasting.Shape(batchA, batchB, nameof(MatMul));
        int batchCount = checked((int)Broadcasting.Count(batch));
        var stridesA = Broadcasting.Strides(batchA, batch);
        var stridesB = Broadcasting.Strides(batchB, batch);
        var offsetsA = new int[batchCount];
        var offsetsB = new int[batchCount];
        for (int i = 0; i < batchCount; i++)
        {
            int rest = i;
            for (int d = batch.Length - 1; d >= 0; d--)
            {
                int digit = rest % (int)batch[d];
                rest /= (int)batch[d];
                offsetsA[i] += digit * stridesA[d];
                offsetsB[i] += digit * stridesB[d];
            }
            offsetsA[i] = checked(offsetsA[i] * (int)(m * k));
            offsetsB[i] = checked(offsetsB[i] * (int)(k * n));
        }

        var outShape = new List<long>(batch);
        if (!rowVector) outShape.Add(m);
        if (!columnVector) outShape.Add(n);
        var y = Allocate([.. outShape]);
        if (y.NumElements == 0) return y;
        var g = new GemmGeometry(batchCount, checked((int)m), checked((int)k), checked((int)n), _kernels.GemmTile, TransposeB: 0, HasBias: 0);
        Gemm(ta, tb, null, y, offsetsA, offsetsB, g);
        return y;
    }

    /// <inheritdoc />
    public Tensor Linear(Tensor input, Tensor weight, Tensor? bias)
    {
        var x = T(input);
        var w = T(weight);
        var sx = x.Shape;
        var sw = w.Shape;
        if (sx.Length == 0 || sw.Length != 2 || sx[^1] != sw[1])
            throw new ArgumentException($"Linear: input {x.ShapeText} does not match weight {w.ShapeText} ([out, in], in = last input dim)");
        long outFeatures = sw[0];
        var b = bias is null ? null : T(bias);
        if (b is not null && (b.Rank != 1 || b.Shape[0] != outFeatures))
            throw new ArgumentException($"Linear: bias {b.ShapeText} does not match {outFeatures} output features");
        var outShape = (long[])sx.Clone();
        outShape[^1] = outFeatures;
        var y = Allocate(outShape);
        if (y.NumElements == 0) return y;
        int rows = checked((int)(y.NumElements / outFeatures));                // Π of the leading dims (also when in = 0)
        var g = new GemmGeometry(1, rows, checked((int)sx[^1]), checked((int)outFeatures), _kernels.GemmTile, TransposeB: 1, HasBias: b is null ? 0 : 1);
        Gemm(x, w, b, y, [0], [0], g);
        return y;
    }

    /// <summary>C = A · op(B) (+ bias) on the chosen path: cuBLAS (the bias pre-filled into C, then accumulated into), tiled or direct.</summary>
    private void Gemm(IlgpuTensor a, IlgpuTensor b, IlgpuTensor? bias, IlgpuTensor c, int[] offsetsA, int[] offsetsB, GemmGeometry g)
    {
        if (_cuBlas is not null)
        {
            if (bias is not null)
                _kernels.BroadcastRows(_kernels.For(c.NumElements), bias.View, c.View, g.N);
            _cuBlas.Run(a.View, b.View, c.View, offsetsA, offsetsB, g, accumulate: bias is not null);
            return;
        }
        using var metaA = Upload(offsetsA);
        using var metaB = Upload(offsetsB);
        var biasView = (bias ?? b).View;                            // not read without a bias
        if (_gemm == IlgpuGemm.Direct)
            _kernels.GemmDirect(_kernels.For(c.NumElements), a.View, b.View, biasView, c.View, metaA.View, metaB.View, g);
        else
            _kernels.GemmTiled(_kernels.ForTiles(g), a.View, b.View, biasView, c.View, metaA.View, metaB.View, g);
        _accelerator.Synchronize();
    }
}
