namespace Seer.Toolkit.Tensors;

/// <summary>Element types a backend may store; names follow safetensors' dtype strings.</summary>
public enum DType
{
    Float32,
    BFloat16,
    Float16,
    Float64,
    Int64,
    Int32,
    UInt8,
    Bool,
}

/// <summary>Size and naming facts about <see cref="DType"/>.</summary>
public static class DTypes
{
    /// <summary>Bytes per element.</summary>
    public static int SizeOf(this DType dtype) => dtype switch
    {
        DType.Float32 or DType.Int32 => 4,
        DType.BFloat16 or DType.Float16 => 2,
        DType.Float64 or DType.Int64 => 8,
        DType.UInt8 or DType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>True for the floating-point types that hold trainable state.</summary>
    public static bool IsFloatingPoint(this DType dtype) =>
        dtype is DType.Float32 or DType.BFloat16 or DType.Float16 or DType.Float64;

    /// <summary>safetensors' name for the type ("F32", "BF16", ...).</summary>
    public static string ToSafetensorsName(this DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.BFloat16 => "BF16",
        DType.Float16 => "F16",
        DType.Float64 => "F64",
        DType.Int64 => "I64",
        DType.Int32 => "I32",
        DType.UInt8 => "U8",
        DType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>Parses safetensors' dtype name; unknown names are an error naming the value.</summary>
    public static DType FromSafetensorsName(string name) => name switch
    {
        "F32" => DType.Float32,
        "BF16" => DType.BFloat16,
        "F16" => DType.Float16,
        "F64" => DType.Float64,
        "I64" => DType.Int64,
        "I32" => DType.Int32,
        "U8" => DType.UInt8,
        "BOOL" => DType.Bool,
        _ => throw new FormatException($"unsupported safetensors dtype '{name}'"),
    };
}
