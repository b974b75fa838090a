using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Components.Pretraining;

/// <summary>The <c>precision</c> setting's values and the compute dtype each selects for the backend's autocast policy.</summary>
public static class PrecisionNames
{
    /// <summary>Everything in float32.</summary>
    public const string Fp32 = "fp32";

    /// <summary>bf16 mixed precision with float32 master weights.</summary>
    public const string Bf16 = "bf16";

    /// <summary>The autocast dtype of a precision name (Float32 = policy off); other names are an error listing the valid ones.</summary>
    public static DType ToDType(string precision) => precision switch
    {
        Fp32 => DType.Float32,
        Bf16 => DType.BFloat16,
        _ => throw new ArgumentException($"precision must be '{Fp32}' or '{Bf16}' (got '{precision}')"),
    };
}
