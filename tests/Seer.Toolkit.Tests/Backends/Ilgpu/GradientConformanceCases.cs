using Seer.Toolkit.Backends;
using Seer.Toolkit.Tensors;
using static Seer.Toolkit.Tests.Backends.Ilgpu.ConformanceInputs;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>
/// Named gradient cases: each makes leaf inputs that require gradients, applies one op (or a short chain) and reduces the
/// output y to L = Σ y ⊙ R with fixed weights R, so ∂L/∂y = R is dense and every element of every gradient is checked.
/// </summary>
public static class GradientConformanceCases
{
    /// <summary>What a case produces: its leaves (in a fixed order) and the op's output.</summary>
    public sealed record Outcome(Tensor[] Leaves, Tensor Output);

    private static readonly Dictionary<string, Func<IBackend, Outcome>> Cases = new()
    {
        ["add broadcast"] = b => Two(b, Signed(b, 1, 2, 3), Signed(b, 2, 3), b.Add),
        ["sub broadcast"] = b => Two(b, Signed(b, 3, 4, 1, 3), Signed(b, 4, 2, 1), b.Sub),
        ["mul both broadcast"] = b => Two(b, Signed(b, 5, 2, 1, 4), Signed(b, 6, 3, 1), b.Mul),
        ["div column broadcast"] = b => Two(b, Signed(b, 7, 3, 4), Positive(b, 8, 3, 1), b.Div),
        ["add scalar"] = b => One(b, Signed(b, 9, 5), x => b.AddScalar(x, 0.75)),
        ["mul scalar"] = b => One(b, Signed(b, 10, 2, 5), x => b.MulScalar(x, -3.5)),
        ["pow"] = b => One(b, Positive(b, 11, 6), x => b.Pow(x, 2.5)),
        ["relu"] = b => One(b, Signed(b, 12, 4, 5), b.Relu),
        ["sigmoid"] = b => One(b, Signed(b, 13, 4, 5), b.Sigmoid),
        ["exp"] = b => One(b, Signed(b, 14, 4, 5), b.Exp),
        ["log"] = b => One(b, Positive(b, 15, 4, 5), b.Log),
        ["sqrt"] = b => One(b, Positive(b, 16, 4, 5), b.Sqrt),
        ["abs"] = b => One(b, Signed(b, 17, 7), b.Abs),
        ["sum all"] = b => One(b, Signed(b, 18, 3, 4), x => b.Sum(x)),
        ["sum dims 0,2 keepdim"] = b => One(b, Signed(b, 19, 3, 4, 2), x => b.Sum(x, [0, 2], keepDim: true)),
        ["mean dim -1"] = b => One(b, Signed(b, 20, 3, 4), x => b.Mean(x, [-1])),
        ["matmul 2-d"] = b => Two(b, Signed(b, 21, 3, 4), Signed(b, 22, 4, 5), b.MatMul),
        ["matmul batch broadcast"] = b => Two(b, Signed(b, 23, 2, 1, 3, 4), Signed(b, 24, 3, 4, 2), b.MatMul),
        ["matmul vector by matrix"] = b => Two(b, Signed(b, 25, 4), Signed(b, 26, 4, 5), b.MatMul),
        ["matmul matrix by vector"] = b => Two(b, Signed(b, 27, 3, 4), Signed(b, 28, 4), b.MatMul),
        ["linear with bias"] = b => Three(b, Signed(b, 29, 5, 4), Signed(b, 30, 3, 4), Signed(b, 31, 3), (x, w, c) => b.Linear(x, w, c)),
        ["linear 3-d"] = b => Two(b, Signed(b, 32, 2, 2, 4), Signed(b, 33, 6, 4), (x, w) => b.Linear(x, w, null)),
        ["reshape"] = b => One(b, Signed(b, 34, 2, 6), x => b.Mul(b.Reshape(x, [3, -1]), Signed(b, 35, 4))),
        ["flatten"] = b => One(b, Signed(b, 36, 2, 3, 2), x => b.Flatten(x, 1)),
        ["permute"] = b => One(b, Signed(b, 37, 2, 3, 4), x => b.Permute(x, [1, 2, 0])),
        ["transpose"] = b => One(b, Signed(b, 38, 3, 4), x => b.Transpose(x, 0, 1)),
        ["narrow"] = b => One(b, Signed(b, 39, 5, 3), x => b.Narrow(x, 0, 1, 3)),
        ["cat"] = b => Two(b, Signed(b, 40, 2, 3), Signed(b, 41, 2, 2), (x, y) => b.Cat([x, y, x], 1)),
        ["softmax"] = b => One(b, Signed(b, 42, 3, 5), x => b.Softmax(x, 1)),
        ["cross entropy"] = b => One(b, Signed(b, 101, 4, 5), x => b.CrossEntropy(x, b.FromArray([1L, 0L, 4L, 1L], [4]))),
        ["cross entropy after linear"] = b => Two(b, Signed(b, 102, 3, 4), Signed(b, 103, 5, 4),
            (x, w) => b.CrossEntropy(b.Linear(x, w, null), b.FromArray([2L, 4L, 0L], [3]))),
        ["log softmax dim 0"] = b => One(b, Signed(b, 43, 4, 3), x => b.LogSoftmax(x, 0)),
        ["l2 normalize"] = b => One(b, Signed(b, 44, 4, 3), x => b.L2Normalize(x, 1)),
        ["conv 3x3 padded with bias"] = b => Three(b, Signed(b, 45, 2, 3, 4, 4), Signed(b, 46, 2, 3, 3, 3), Signed(b, 47, 2),
            (x, w, c) => b.Conv2d(x, w, c, 1, 1)),
        ["conv grouped strided"] = b => Two(b, Signed(b, 48, 1, 4, 5, 5), Signed(b, 49, 4, 2, 3, 3), (x, w) => b.Conv2d(x, w, null, 2, 1, 1, 2)),
        ["conv depthwise"] = b => Two(b, Signed(b, 50, 2, 3, 4, 4), Signed(b, 51, 3, 1, 3, 3), (x, w) => b.Conv2d(x, w, null, 1, 1, 1, 3)),
        ["conv 1x1 strided"] = b => Two(b, Signed(b, 52, 2, 3, 5, 5), Signed(b, 53, 2, 3, 1, 1), (x, w) => b.Conv2d(x, w, null, 2, 0)),
        ["conv dilated"] = b => Two(b, Signed(b, 54, 1, 2, 5, 5), Signed(b, 55, 2, 2, 3, 3), (x, w) => b.Conv2d(x, w, null, 1, 2, 2)),
        ["max dim 1"] = b => One(b, Signed(b, 104, 3, 5), x => b.Max(x, 1)),
        ["max dim 0 keepdim of 3-d"] = b => One(b, Signed(b, 105, 4, 3, 2), x => b.Max(x, 0, keepDim: true)),
        ["max pool 3x3 stride 2 padded"] = b => One(b, Signed(b, 106, 2, 2, 5, 5), x => b.MaxPool2d(x, 3, 2, 1)),
        ["max pool 2x2 overlapping windows"] = b => One(b, Signed(b, 107, 1, 2, 4, 4), x => b.MaxPool2d(x, 2, 1)),
        // ties: every window's gradient goes to its first maximum in scan order
        ["max pool with ties"] = b => One(b, b.FromArray([1f, 1f, 0f, 2f, 1f, 1f, 2f, 2f, 0f], [1, 1, 3, 3]), x => b.MaxPool2d(x, 2, 1)),
        ["global average pool"] = b => One(b, Signed(b, 56, 2, 3, 3, 2), b.GlobalAveragePool2d),
        ["adaptive average pool 5x5 to 2x3"] = b => One(b, Signed(b, 57, 1, 2, 5, 5), x => b.AdaptiveAveragePool2d(x, 2, 3)),
        ["batch norm train 4-d"] = b => Three(b, Signed(b, 58, 3, 2, 2, 2), Signed(b, 59, 2), Signed(b, 60, 2),
            (x, w, c) => b.BatchNorm(x, w, c, null, null, true, 0.1, 1e-5)),
        ["batch norm train 2-d"] = b => Three(b, Signed(b, 61, 6, 3), Signed(b, 62, 3), Signed(b, 63, 3),
            (x, w, c) => b.BatchNorm(x, w, c, null, null, true, 0.1, 1e-5)),
        ["batch norm eval"] = b => Three(b, Signed(b, 64, 2, 2, 2, 3), Signed(b, 65, 2), Signed(b, 66, 2),
            (x, w, c) => b.BatchNorm(x, w, c, Signed(b, 67, 2), Positive(b, 68, 2), false, 0.1, 1e-5)),
        ["conv-bn-relu block"] = b => Three(b, Signed(b, 69, 2, 2, 4, 4), Signed(b, 70, 3, 2, 3, 3), Signed(b, 71, 3),
            (x, w, g) => b.Relu(b.BatchNorm(b.Conv2d(x, w, null, 2, 1), g, null, null, null, true, 0.1, 1e-5))),
        ["squeeze-excitation"] = b => Two(b, Signed(b, 72, 2, 4, 3, 3), Signed(b, 73, 2, 4, 1, 1), (x, w) =>
            b.Mul(x, b.Sigmoid(b.Conv2d(b.Relu(b.Conv2d(b.GlobalAveragePool2d(x), w, null)), Signed(b, 74, 4, 2, 1, 1), null)))),
        ["swapped prediction"] = b => Two(b, Signed(b, 75, 4, 3), Signed(b, 76, 5, 3), (z, c) =>
            b.Mul(b.LogSoftmax(b.MulScalar(b.Linear(b.L2Normalize(z, 1), c, null), 10), 1), b.Softmax(Signed(b, 77, 4, 5), 1))),
    };

    /// <summary>The names of the gradient cases.</summary>
    public static TheoryData<string> Names => [.. Cases.Keys];

    /// <summary>Runs case <paramref name="name"/> on a differentiable backend: L = Σ y ⊙ R, backward, then (L, ∂L/∂leaf for each leaf).</summary>
    public static (float Loss, float[][] Gradients) Run(string name, IBackend backend)
    {
        var outcome = Cases[name](backend);
        var weights = Signed(backend, 1000, outcome.Output.Shape);
        var loss = backend.Sum(backend.Mul(outcome.Output, weights));
        backend.Backward(loss);
        var grads = outcome.Leaves.Select(leaf => backend.Grad(leaf) is { } g ? g.ToFloatArray() : []).ToArray();
        return ((float)loss.Item(), grads);
    }

    private static Tensor Leaf(IBackend b, Tensor t)
    {
        b.SetRequiresGrad(t, true);
        return t;
    }

    private static Outcome One(IBackend b, Tensor x, Func<Tensor, Tensor> op)
    {
        Leaf(b, x);
        return new([x], op(x));
    }

    private static Outcome Two(IBackend b, Tensor x, Tensor y, Func<Tensor, Tensor, Tensor> op)
    {
        Leaf(b, x);
        Leaf(b, y);
        return new([x, y], op(x, y));
    }

    private static Outcome Three(IBackend b, Tensor x, Tensor y, Tensor z, Func<Tensor, Tensor, Tensor, Tensor> op)
    {
        Leaf(b, x);
        Leaf(b, y);
        Leaf(b, z);
        return new([x, y, z], op(x, y, z));
    }
}
