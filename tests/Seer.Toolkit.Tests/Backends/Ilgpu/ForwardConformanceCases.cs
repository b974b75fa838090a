using Seer.Toolkit.Backends;
using Seer.Toolkit.Tensors;
using static Seer.Toolkit.Tests.Backends.Ilgpu.ConformanceInputs;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>Named forward cases: each builds its inputs on a backend and applies one op, so any two backends can be compared.</summary>
public static class ForwardConformanceCases
{
    private static readonly Dictionary<string, Func<IBackend, Tensor>> Cases = new()
    {
        ["zeros"] = b => b.Zeros([2, 3]),
        ["full"] = b => b.Full([3, 2], -1.25),
        ["from-array"] = b => Signed(b, 1, 2, 3, 4),
        ["add same shape"] = b => b.Add(Signed(b, 1, 2, 3), Signed(b, 2, 2, 3)),
        ["add row broadcast"] = b => b.Add(Signed(b, 1, 2, 3), Signed(b, 2, 3)),
        ["add scalar-shaped"] = b => b.Add(Signed(b, 1, 2, 3), Signed(b, 2, 1)),
        ["sub both broadcast"] = b => b.Sub(Signed(b, 3, 4, 1, 3), Signed(b, 4, 2, 1)),
        ["mul both broadcast"] = b => b.Mul(Signed(b, 5, 2, 1, 4), Signed(b, 6, 3, 1)),
        ["div column broadcast"] = b => b.Div(Signed(b, 7, 3, 4), Positive(b, 8, 3, 1)),
        ["add scalar"] = b => b.AddScalar(Signed(b, 9, 5), 0.75),
        ["mul scalar"] = b => b.MulScalar(Signed(b, 10, 2, 5), -3.5),
        ["pow"] = b => b.Pow(Positive(b, 11, 6), 2.5),
        ["relu"] = b => b.Relu(Signed(b, 12, 4, 5)),
        ["sigmoid"] = b => b.Sigmoid(Signed(b, 13, 4, 5)),
        ["exp"] = b => b.Exp(Signed(b, 14, 4, 5)),
        ["log"] = b => b.Log(Positive(b, 15, 4, 5)),
        ["sqrt"] = b => b.Sqrt(Positive(b, 16, 4, 5)),
        ["abs"] = b => b.Abs(Signed(b, 17, 7)),
        ["sum all"] = b => b.Sum(Signed(b, 18, 3, 4, 5)),
        ["sum dim 1"] = b => b.Sum(Signed(b, 19, 3, 4, 5), [1]),
        ["sum dims 0,2 keepdim"] = b => b.Sum(Signed(b, 20, 3, 4, 5), [0, 2], keepDim: true),
        ["sum dim -1"] = b => b.Sum(Signed(b, 21, 3, 4, 5), [-1]),
        ["mean all"] = b => b.Mean(Signed(b, 22, 3, 4)),
        ["mean dim 0 keepdim"] = b => b.Mean(Signed(b, 23, 3, 4, 2), [0], keepDim: true),
        ["matmul 2-d"] = b => b.MatMul(Signed(b, 24, 3, 4), Signed(b, 25, 4, 5)),
        ["matmul batched"] = b => b.MatMul(Signed(b, 26, 2, 3, 4), Signed(b, 27, 2, 4, 2)),
        ["matmul batch broadcast"] = b => b.MatMul(Signed(b, 28, 2, 1, 3, 4), Signed(b, 29, 3, 4, 2)),
        ["matmul matrix by batch"] = b => b.MatMul(Signed(b, 30, 3, 4), Signed(b, 31, 2, 4, 5)),
        ["matmul vector by matrix"] = b => b.MatMul(Signed(b, 32, 4), Signed(b, 33, 4, 5)),
        ["matmul matrix by vector"] = b => b.MatMul(Signed(b, 34, 3, 4), Signed(b, 35, 4)),
        ["linear with bias"] = b => b.Linear(Signed(b, 36, 5, 4), Signed(b, 37, 3, 4), Signed(b, 38, 3)),
        ["linear 3-d without bias"] = b => b.Linear(Signed(b, 39, 2, 2, 4), Signed(b, 40, 6, 4), null),
        // sizes that are no multiple of any GEMM tile side (4 on the CPU accelerator, 16 on GPUs): partial tiles on every edge
        ["matmul batched, ragged tiles"] = b => b.MatMul(Signed(b, 110, 2, 37, 19), Signed(b, 111, 19, 23)),
        ["linear with no input features"] = b => b.Linear(Signed(b, 115, 3, 0), Signed(b, 116, 4, 0), Signed(b, 117, 4)),   // = bias per row
        ["matmul with empty inner dim"] = b => b.MatMul(Signed(b, 118, 2, 0), Signed(b, 119, 0, 3)),                        // = zeros
        ["linear with bias, ragged tiles"] = b => b.Linear(Signed(b, 112, 33, 21), Signed(b, 113, 45, 21), Signed(b, 114, 45)),
        ["reshape with -1"] = b => b.Reshape(Signed(b, 44, 2, 3, 4), [4, -1]),
        ["flatten from dim 1"] = b => b.Flatten(Signed(b, 45, 2, 3, 2, 2), 1),
        ["permute 3-d"] = b => b.Permute(Signed(b, 46, 2, 3, 4), [2, 0, 1]),
        ["transpose 2-d"] = b => b.Transpose(Signed(b, 47, 3, 4), 0, 1),
        ["transpose last two"] = b => b.Transpose(Signed(b, 48, 2, 3, 4), -1, -2),
        ["narrow dim 0"] = b => b.Narrow(Signed(b, 49, 4, 5), 0, 1, 2),
        ["narrow dim 1 of 3-d"] = b => b.Narrow(Signed(b, 50, 2, 5, 3), 1, 2, 3),
        ["cat dim 0"] = b => b.Cat([Signed(b, 51, 2, 3), Signed(b, 52, 1, 3)], 0),
        ["cat dim 1 of three"] = b => b.Cat([Signed(b, 53, 2, 1, 2), Signed(b, 54, 2, 3, 2), Signed(b, 55, 2, 2, 2)], 1),
        ["conv 3x3 padded with bias"] = b => b.Conv2d(Signed(b, 56, 2, 3, 5, 5), Signed(b, 57, 4, 3, 3, 3), Signed(b, 58, 4), 1, 1),
        ["conv grouped strided"] = b => b.Conv2d(Signed(b, 59, 1, 4, 6, 6), Signed(b, 60, 6, 2, 3, 3), null, 2, 1, 1, 2),
        ["conv depthwise strided odd"] = b => b.Conv2d(Signed(b, 61, 1, 3, 5, 5), Signed(b, 62, 3, 1, 3, 3), null, 2, 1, 1, 3),
        ["conv 1x1 strided"] = b => b.Conv2d(Signed(b, 63, 2, 4, 5, 5), Signed(b, 64, 3, 4, 1, 1), null, 2, 0),
        ["conv dilated"] = b => b.Conv2d(Signed(b, 65, 1, 2, 6, 6), Signed(b, 66, 2, 2, 3, 3), Signed(b, 67, 2), 1, 2, 2),
        ["global average pool"] = b => b.GlobalAveragePool2d(Signed(b, 68, 2, 3, 4, 5)),
        ["adaptive average pool 5x5 to 2x3"] = b => b.AdaptiveAveragePool2d(Signed(b, 69, 1, 2, 5, 5), 2, 3),
        ["adaptive average pool 4x4 to 2x2"] = b => b.AdaptiveAveragePool2d(Signed(b, 70, 2, 2, 4, 4), 2, 2),
        ["max pool 3x3 stride 2 padded"] = b => b.MaxPool2d(Signed(b, 71, 1, 2, 5, 5), 3, 2, 1),
        ["batch norm train 4-d"] = b => b.BatchNorm(Signed(b, 72, 3, 2, 3, 3), Signed(b, 73, 2), Signed(b, 74, 2), null, null, true, 0.1, 1e-5),
        ["batch norm train running stats"] = b => RunningStats(b, training: true),
        ["batch norm eval"] = b => RunningStats(b, training: false),
        ["batch norm train 2-d no affine"] = b => b.BatchNorm(Signed(b, 75, 5, 3), null, null, null, null, true, 0.1, 1e-5),
        ["softmax dim 1"] = b => b.Softmax(Signed(b, 76, 3, 5), 1),
        ["softmax dim 0 of 3-d"] = b => b.Softmax(Signed(b, 77, 3, 2, 4), 0),
        ["log softmax dim 1"] = b => b.LogSoftmax(Signed(b, 78, 3, 5), 1),
        ["log softmax large logits"] = b => b.LogSoftmax(b.MulScalar(Signed(b, 79, 2, 6), 60), -1),
        ["l2 normalize dim 1"] = b => b.L2Normalize(Signed(b, 80, 4, 3), 1),
        ["l2 normalize dim 0"] = b => b.L2Normalize(Signed(b, 81, 4, 3), 0),
        ["max dim 1"] = b => b.Max(Signed(b, 82, 3, 4), 1),
        ["max dim 0 keepdim"] = b => b.Max(Signed(b, 83, 3, 4, 2), 0, keepDim: true),
        ["argmax dim 1"] = b => b.ArgMax(Signed(b, 97, 3, 5), 1),
        ["argmax dim 0 of 3-d"] = b => b.ArgMax(Signed(b, 98, 3, 2, 4), 0),
        ["argmax with ties"] = b => b.ArgMax(b.FromArray([1f, 3f, 3f, -1f, 2f, 2f], [2, 3]), -1),
        ["cross entropy"] = b => b.CrossEntropy(Signed(b, 99, 4, 5), b.FromArray([0L, 4L, 2L, 2L], [4])),
        ["cross entropy large logits"] = b => b.CrossEntropy(b.MulScalar(Signed(b, 100, 3, 6), 60), b.FromArray([5L, 0L, 3L], [3])),
        ["add in place scaled broadcast"] = b => InPlace(b, t => b.AddInPlace(t, Signed(b, 84, 3), -0.5)),
        ["add scalar in place"] = b => InPlace(b, t => b.AddScalarInPlace(t, 1.5)),
        ["mul scalar in place"] = b => InPlace(b, t => b.MulScalarInPlace(t, -2)),
        ["copy in place"] = b => InPlace(b, t => b.CopyInPlace(t, Signed(b, 85, 2, 3))),
        ["squeeze-excitation block"] = b => SqueezeExcitation(b),
        ["composed"] = b => b.Mean(b.Relu(b.Add(b.MatMul(Signed(b, 41, 4, 3), Signed(b, 42, 3, 5)), Signed(b, 43, 5))), [1]),
    };

    private static readonly Dictionary<string, Action<IBackend>> ShapeErrors = new()
    {
        ["add [2,3]+[4]"] = b => b.Add(Signed(b, 1, 2, 3), Signed(b, 2, 4)),
        ["mul [2,3,4]*[3,2]"] = b => b.Mul(Signed(b, 1, 2, 3, 4), Signed(b, 2, 3, 2)),
        ["matmul inner dims"] = b => b.MatMul(Signed(b, 1, 2, 3), Signed(b, 2, 4, 5)),
        ["matmul batch dims"] = b => b.MatMul(Signed(b, 1, 2, 3, 4), Signed(b, 2, 3, 4, 5)),
        ["linear features"] = b => b.Linear(Signed(b, 1, 2, 3), Signed(b, 2, 4, 5), null),
        ["conv channels"] = b => b.Conv2d(Signed(b, 1, 1, 3, 4, 4), Signed(b, 2, 2, 2, 3, 3), null),
        ["conv groups"] = b => b.Conv2d(Signed(b, 1, 1, 4, 4, 4), Signed(b, 2, 3, 2, 3, 3), null, 1, 0, 1, 2),
        ["conv kernel larger than input"] = b => b.Conv2d(Signed(b, 1, 1, 1, 2, 2), Signed(b, 2, 1, 1, 3, 3), null),
        ["cat sizes"] = b => b.Cat([Signed(b, 1, 2, 3), Signed(b, 2, 2, 4)], 0),
        ["narrow past the end"] = b => b.Narrow(Signed(b, 1, 4, 3), 0, 3, 2),
        ["reshape element count"] = b => b.Reshape(Signed(b, 1, 2, 3), [4, 2]),
        ["sum dim out of range"] = b => b.Sum(Signed(b, 1, 2, 3), [2]),
    };

    /// <summary>Batch norm with running buffers: the output, then the updated (training) or unchanged (eval) buffers, joined.</summary>
    private static Tensor RunningStats(IBackend b, bool training)
    {
        var mean = Signed(b, 86, 2);
        var variance = Positive(b, 87, 2);
        var y = b.BatchNorm(Signed(b, 88, 2, 2, 2, 3), Signed(b, 89, 2), Signed(b, 90, 2), mean, variance, training, 0.1, 1e-5);
        return b.Cat([b.Flatten(y), mean, variance], 0);
    }

    /// <summary>Applies an in-place update to a fixed [2, 3] tensor and returns it.</summary>
    private static Tensor InPlace(IBackend b, Action<Tensor> update)
    {
        var t = Signed(b, 91, 2, 3);
        update(t);
        return t;
    }

    /// <summary>x · σ(conv₂(ReLU(conv₁(GAP(x))))) as RegNetY's SE block, on [2, 4, 3, 3].</summary>
    private static Tensor SqueezeExcitation(IBackend b)
    {
        var x = Signed(b, 92, 2, 4, 3, 3);
        var s = b.Relu(b.Conv2d(b.GlobalAveragePool2d(x), Signed(b, 93, 2, 4, 1, 1), Signed(b, 94, 2)));
        return b.Mul(x, b.Sigmoid(b.Conv2d(s, Signed(b, 95, 4, 2, 1, 1), Signed(b, 96, 4))));
    }

    /// <summary>The names of the value cases.</summary>
    public static TheoryData<string> Names => [.. Cases.Keys];

    /// <summary>The names of the cases every backend must refuse.</summary>
    public static TheoryData<string> ShapeErrorNames => [.. ShapeErrors.Keys];

    /// <summary>Runs value case <paramref name="name"/> on <paramref name="backend"/>.</summary>
    public static Tensor Run(string name, IBackend backend) => Cases[name](backend);

    /// <summary>Runs shape-error case <paramref name="name"/> on <paramref name="backend"/>.</summary>
    public static void RunShapeError(string name, IBackend backend) => ShapeErrors[name](backend);
}
