using System.Runtime.InteropServices;
using ILGPU.Runtime;
using Seer.Toolkit.Tensors;
using Device = Seer.Toolkit.Tensors.Device;

namespace Seer.Toolkit.Backends.Ilgpu;

/// <summary>Host copies (row-major) and placement.</summary>
public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public float[] ToFloatArray(Tensor a)
    {
        var t = T(a);
        _accelerator.Synchronize();
        return t.Buffer.GetAsArray1D();
    }

    /// <inheritdoc />
    public double[] ToDoubleArray(Tensor a) => Array.ConvertAll(ToFloatArray(a), v => (double)v);

    /// <inheritdoc />
    public byte[] ToBytes(Tensor a) => MemoryMarshal.AsBytes(ToFloatArray(a).AsSpan()).ToArray();

    /// <inheritdoc />
    public double Item(Tensor a)
    {
        if (a.NumElements != 1)
            throw new ArgumentException($"Item: tensor of shape {a.ShapeText} has {a.NumElements} elements, not one");
        return ToFloatArray(a)[0];
    }

    /// <inheritdoc />
    public Tensor To(Tensor a, Device device) =>
        throw new NotSupportedException($"ILGPU backend: To({device}) (one accelerator per backend; create another backend instead)");

    /// <inheritdoc />
    public Tensor Cast(Tensor a, DType dtype) => throw new NotSupportedException($"ILGPU backend: Cast to {dtype}");
}
