using ILGPU.Algorithms;

namespace Seer.Toolkit.Backends.Ilgpu.Kernels;

/// <summary>A kernel body for y = f(x), applied element by element.</summary>
public interface IUnaryFunction
{
    /// <summary>f(x).</summary>
    float Apply(float x);
}

/// <summary>A kernel body for y = f(a, b), applied to broadcast element pairs.</summary>
public interface IBinaryFunction
{
    /// <summary>f(a, b).</summary>
    float Apply(float a, float b);
}

/// <summary>a + b.</summary>
public readonly struct AddFunction : IBinaryFunction { public float Apply(float a, float b) => a + b; }

/// <summary>a − b.</summary>
public readonly struct SubFunction : IBinaryFunction { public float Apply(float a, float b) => a - b; }

/// <summary>a · b.</summary>
public readonly struct MulFunction : IBinaryFunction { public float Apply(float a, float b) => a * b; }

/// <summary>a / b.</summary>
public readonly struct DivFunction : IBinaryFunction { public float Apply(float a, float b) => a / b; }

/// <summary>x + s.</summary>
public readonly struct AddScalarFunction(float s) : IUnaryFunction { public float Apply(float x) => x + s; }

/// <summary>x · s.</summary>
public readonly struct MulScalarFunction(float s) : IUnaryFunction { public float Apply(float x) => x * s; }

/// <summary>xᵖ.</summary>
public readonly struct PowFunction(float p) : IUnaryFunction { public float Apply(float x) => XMath.Pow(x, p); }

/// <summary>max(x, 0).</summary>
public readonly struct ReluFunction : IUnaryFunction { public float Apply(float x) => x > 0f ? x : 0f; }

/// <summary>1 / (1 + e^{−x}).</summary>
public readonly struct SigmoidFunction : IUnaryFunction { public float Apply(float x) => 1f / (1f + XMath.Exp(-x)); }

/// <summary>eˣ.</summary>
public readonly struct ExpFunction : IUnaryFunction { public float Apply(float x) => XMath.Exp(x); }

/// <summary>ln x.</summary>
public readonly struct LogFunction : IUnaryFunction { public float Apply(float x) => XMath.Log(x); }

/// <summary>√x.</summary>
public readonly struct SqrtFunction : IUnaryFunction { public float Apply(float x) => XMath.Sqrt(x); }

/// <summary>|x|.</summary>
public readonly struct AbsFunction : IUnaryFunction { public float Apply(float x) => XMath.Abs(x); }

/// <summary>The constant c (fills).</summary>
public readonly struct ConstantFunction(float c) : IUnaryFunction { public float Apply(float x) => c; }

/// <summary>a + α·b (in-place accumulation when the output is a).</summary>
public readonly struct AddScaledFunction(float alpha) : IBinaryFunction { public float Apply(float a, float b) => a + alpha * b; }

/// <summary>ReLU's gradient: g · [x &gt; 0] for a = g, b = x.</summary>
public readonly struct ReluBackwardFunction : IBinaryFunction { public float Apply(float a, float b) => b > 0f ? a : 0f; }

/// <summary>sign x ∈ {−1, 0, 1}.</summary>
public readonly struct SignFunction : IUnaryFunction { public float Apply(float x) => x > 0f ? 1f : x < 0f ? -1f : 0f; }

/// <summary>x · scale + shift, rounded after each operation as libtorch's mul then add (random fills' scale and shift).</summary>
public readonly struct AffineFunction(float scale, float shift) : IUnaryFunction
{
    /// <summary>f(x).</summary>
    public float Apply(float x)
    {
        float scaled = x * scale;
        return scaled + shift;
    }
}
