using System.Runtime.InteropServices;
using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Distributed;

/// <summary>Collectives over backend tensors: the data goes through a host copy, so any backend and device works.</summary>
public static class ProcessGroupTensorExtensions
{
    /// <summary>All-reduces <paramref name="tensor"/> in place (float32/64, int32/64, uint8; half types reduce in float32).</summary>
    public static void AllReduce(this IProcessGroup group, Tensor tensor, ReduceOp op)
    {
        if (group.Size == 1) return;
        Exchange(tensor, (bytes, dtype) =>
        {
            switch (dtype)
            {
                case DType.Float32: group.AllReduce<float>(MemoryMarshal.Cast<byte, float>(bytes.AsSpan()), op); break;
                case DType.Float64: group.AllReduce<double>(MemoryMarshal.Cast<byte, double>(bytes.AsSpan()), op); break;
                case DType.Int64: group.AllReduce<long>(MemoryMarshal.Cast<byte, long>(bytes.AsSpan()), op); break;
                case DType.Int32: group.AllReduce<int>(MemoryMarshal.Cast<byte, int>(bytes.AsSpan()), op); break;
                default: group.AllReduce<byte>(bytes.AsSpan(), op); break;
            }
        });
    }

    /// <summary>Overwrites <paramref name="tensor"/> on every rank with the root's values (same shape and dtype everywhere).</summary>
    public static void Broadcast(this IProcessGroup group, Tensor tensor, int root)
    {
        if (group.Size == 1) return;
        Exchange(tensor, (bytes, _) => group.Broadcast<byte>(bytes.AsSpan(), root));
    }

    /// <summary>[ranks, …shape]: every rank's <paramref name="tensor"/> stacked in rank order (same shape and dtype everywhere; float32/64).</summary>
    public static Tensor AllGather(this IProcessGroup group, Tensor tensor)
    {
        var backend = tensor.Backend;
        long[] shape = [group.Size, .. tensor.Shape];
        if (group.Size == 1) return backend.Reshape(backend.MulScalar(tensor, 1.0), shape);
        var send = backend.ToBytes(tensor);
        var receive = new byte[send.Length * group.Size];
        switch (tensor.DType)
        {
            case DType.Float32: group.AllGather<float>(MemoryMarshal.Cast<byte, float>(send.AsSpan()), MemoryMarshal.Cast<byte, float>(receive.AsSpan())); break;
            case DType.Float64: group.AllGather<double>(MemoryMarshal.Cast<byte, double>(send.AsSpan()), MemoryMarshal.Cast<byte, double>(receive.AsSpan())); break;
            default: throw new NotSupportedException($"all-gather of {tensor.DType} tensors is not supported (float32 or float64)");
        }
        return backend.FromBytes(receive, tensor.DType, shape);
    }

    /// <summary>Copies the tensor to the host as raw bytes, lets <paramref name="exchange"/> rewrite them, and copies them back.</summary>
    private static void Exchange(Tensor tensor, Action<byte[], DType> exchange)
    {
        var backend = tensor.Backend;
        var dtype = tensor.DType switch
        {
            DType.BFloat16 or DType.Float16 => DType.Float32,
            DType.Bool => throw new NotSupportedException("collectives over bool tensors are not supported; cast to uint8"),
            var d => d,
        };
        byte[] bytes;
        if (dtype == tensor.DType) bytes = backend.ToBytes(tensor);
        else
        {
            using var wide = backend.Cast(tensor, dtype);
            bytes = backend.ToBytes(wide);
        }
        exchange(bytes, dtype);
        using var result = backend.FromBytes(bytes, dtype, tensor.Shape);
        backend.CopyInPlace(tensor, result);
    }
}
