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
        ["composed"] = b => b.Mean(b.Relu(b.Add(b.MatMul(Signed(b, 41, 4, 3), Signed(b, 42, 3, 5)), Signed(b, 43, 5))), [1]),
    };

    private static readonly Dictionary<string, Action<IBackend>> ShapeErrors = new()
    {
        ["add [2,3]+[4]"] = b => b.Add(Signed(b, 1, 2, 3), Signed(b, 2, 4)),
        ["mul [2,3,4]*[3,2]"] = b => b.Mul(Signed(b, 1, 2, 3, 4), Signed(b, 2, 3, 2)),
        ["matmul inner dims"] = b => b.MatMul(Signed(b, 1, 2, 3), Signed(b, 2, 4, 5)),
        ["matmul batch dims"] = b => b.MatMul(Signed(b, 1, 2, 3, 4), Signed(b, 2, 3, 4, 5)),
        ["linear features"] = b => b.Linear(Signed(b, 1, 2, 3), Signed(b, 2, 4, 5), null),
        ["sum dim out of range"] = b => b.Sum(Signed(b, 1, 2, 3), [2]),
    };

    /// <summary>The names of the value cases.</summary>
    public static TheoryData<string> Names => [.. Cases.Keys];

    /// <summary>The names of the cases every backend must refuse.</summary>
    public static TheoryData<string> ShapeErrorNames => [.. ShapeErrors.Keys];

    /// <summary>Runs value case <paramref name="name"/> on <paramref name="backend"/>.</summary>
    public static Tensor Run(string name, IBackend backend) => Cases[name](backend);

    /// <summary>Runs shape-error case <paramref name="name"/> on <paramref name="backend"/>.</summary>
    public static void RunShapeError(string name, IBackend backend) => ShapeErrors[name](backend);
}
