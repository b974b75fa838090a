using Seer.Toolkit.Backends;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components;

/// <summary>How a parameter or buffer is filled when the graph is materialised on a backend.</summary>
public abstract record Init
{
    /// <summary>All zeros.</summary>
    public static Init Zeros { get; } = new ConstantInit(0);

    /// <summary>All ones.</summary>
    public static Init Ones { get; } = new ConstantInit(1);

    /// <summary>A constant.</summary>
    public static Init Constant(double value) => new ConstantInit(value);

    /// <summary>N(mean, std²).</summary>
    public static Init Normal(double mean, double std) => new NormalInit(mean, std);

    /// <summary>U[low, high).</summary>
    public static Init Uniform(double low, double high) => new UniformInit(low, high);

    /// <summary>He init on fan-out (torchvision RegNet/ResNet convs): N(0, 2 / (k_h · k_w · C_out)).</summary>
    public static Init KaimingNormalFanOut(int kernelH, int kernelW, int outChannels) =>
        new NormalInit(0, Math.Sqrt(2.0 / (kernelH * kernelW * (double)outChannels)));

    /// <summary>PyTorch's default bias init for a layer with the given fan-in: U(−1/√fan_in, 1/√fan_in).</summary>
    public static Init DefaultBias(long fanIn) => new UniformInit(-1 / Math.Sqrt(fanIn), 1 / Math.Sqrt(fanIn));

    /// <summary>Creates the tensor on <paramref name="backend"/>.</summary>
    public abstract Tensor Create(IBackend backend, long[] shape, DType dtype, long seed);
}

/// <summary>Fills with one value.</summary>
public sealed record ConstantInit(double Value) : Init
{
    /// <inheritdoc />
    public override Tensor Create(IBackend backend, long[] shape, DType dtype, long seed) => backend.Full(shape, Value, dtype);
}

/// <summary>Gaussian fill.</summary>
public sealed record NormalInit(double Mean, double Std) : Init
{
    /// <inheritdoc />
    public override Tensor Create(IBackend backend, long[] shape, DType dtype, long seed) =>
        backend.RandomNormal(shape, Mean, Std, seed, dtype);
}

/// <summary>Uniform fill.</summary>
public sealed record UniformInit(double Low, double High) : Init
{
    /// <inheritdoc />
    public override Tensor Create(IBackend backend, long[] shape, DType dtype, long seed) =>
        backend.RandomUniform(shape, Low, High, seed, dtype);
}
