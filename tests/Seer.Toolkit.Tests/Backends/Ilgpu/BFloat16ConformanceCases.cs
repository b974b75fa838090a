using Seer.Toolkit.Backends;
using Seer.Toolkit.Tensors;
using static Seer.Toolkit.Tests.Backends.Ilgpu.ConformanceInputs;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>
/// Cases for the bf16 mixed-precision policy (<see cref="IPrecisionOps.Autocast"/>): the ops it casts (convolution, linear,
/// matmul) and a conv → batch norm → ReLU chain. Each runs on float32 inputs; inside the region the cast ops compute in bf16.
/// </summary>
public static class BFloat16ConformanceCases
{
    private static readonly Dictionary<string, Func<IBackend, Tensor>> Cases = new()
    {
        ["conv 3x3 padded with bias"] = b => b.Conv2d(Signed(b, 120, 2, 3, 6, 6), Signed(b, 121, 4, 3, 3, 3), Signed(b, 122, 4), 1, 1),
        ["conv grouped strided"] = b => b.Conv2d(Signed(b, 123, 2, 4, 7, 7), Signed(b, 124, 4, 2, 3, 3), null, 2, 1, 1, 2),
        ["linear with bias"] = b => b.Linear(Signed(b, 125, 9, 24), Signed(b, 126, 7, 24), Signed(b, 127, 7)),
        ["matmul batched"] = b => b.MatMul(Signed(b, 128, 3, 5, 16), Signed(b, 129, 3, 16, 6)),
        ["conv-bn-relu block"] = b => b.Relu(b.BatchNorm(b.Conv2d(Signed(b, 130, 4, 3, 5, 5), Signed(b, 131, 6, 3, 3, 3), null, 1, 1),
            Positive(b, 132, 6), Signed(b, 133, 6), null, null, true, 0.1, 1e-5)),
    };

    /// <summary>The names of the cases.</summary>
    public static TheoryData<string> Names => [.. Cases.Keys];

    /// <summary>Runs case <paramref name="name"/> on <paramref name="backend"/> (inside or outside an autocast region, as the caller opened it).</summary>
    public static Tensor Run(string name, IBackend backend) => Cases[name](backend);
}
