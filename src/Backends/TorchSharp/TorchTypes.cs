using Seer.Toolkit.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace Seer.Toolkit.Backends.TorchSharp;

/// <summary>Conversions between toolkit and libtorch dtypes and devices.</summary>
internal static class TorchTypes
{
    public static ScalarType ToTorch(DType dtype) => dtype switch
    {
        DType.Float32 => ScalarType.Float32,
        DType.BFloat16 => ScalarType.BFloat16,
        DType.Float16 => ScalarType.Float16,
        DType.Float64 => ScalarType.Float64,
        DType.Int64 => ScalarType.Int64,
        DType.Int32 => ScalarType.Int32,
        DType.UInt8 => ScalarType.Byte,
        DType.Bool => ScalarType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unsupported dtype"),
    };

    public static DType FromTorch(ScalarType type) => type switch
    {
        ScalarType.Float32 => DType.Float32,
        ScalarType.BFloat16 => DType.BFloat16,
        ScalarType.Float16 => DType.Float16,
        ScalarType.Float64 => DType.Float64,
        ScalarType.Int64 => DType.Int64,
        ScalarType.Int32 => DType.Int32,
        ScalarType.Byte => DType.UInt8,
        ScalarType.Bool => DType.Bool,
        _ => throw new NotSupportedException($"libtorch dtype {type} has no toolkit equivalent"),
    };

    public static global::TorchSharp.torch.Device ToTorch(Seer.Toolkit.Tensors.Device device) => device.Kind switch
    {
        DeviceKind.Cpu => CPU,
        DeviceKind.Cuda => new global::TorchSharp.torch.Device(DeviceType.CUDA, device.Index),
        _ => throw new NotSupportedException($"the TorchSharp backend has no {device.Kind} device"),
    };

    public static Seer.Toolkit.Tensors.Device FromTorch(global::TorchSharp.torch.Device device) => device.type switch
    {
        DeviceType.CPU => Seer.Toolkit.Tensors.Device.Cpu,
        DeviceType.CUDA => new Seer.Toolkit.Tensors.Device(DeviceKind.Cuda, device.index < 0 ? 0 : device.index),
        _ => throw new NotSupportedException($"libtorch device {device} has no toolkit equivalent"),
    };
}
