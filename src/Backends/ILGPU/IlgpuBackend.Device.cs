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
        if (t.RawBuffer is not null) return Array.ConvertAll(Values(t), v => (float)v);
        _accelerator.Synchronize();
        return t.Buffer.GetAsArray1D();
    }

    /// <inheritdoc />
    public double[] ToDoubleArray(Tensor a) => Values(T(a));

    /// <inheritdoc />
    public byte[] ToBytes(Tensor a)
    {
        var t = T(a);
        return t.RawBuffer is not null ? RawBytes(t) : MemoryMarshal.AsBytes(ToFloatArray(t).AsSpan()).ToArray();
    }

    /// <inheritdoc />
    public double Item(Tensor a)
    {
        if (a.NumElements != 1)
            throw new ArgumentException($"Item: tensor of shape {a.ShapeText} has {a.NumElements} elements, not one");
        return ToDoubleArray(a)[0];
    }

    /// <inheritdoc />
    public Tensor To(Tensor a, Device device) => T(a).Device == device
        ? a
        : throw new NotSupportedException($"ILGPU backend: To({device}) (one accelerator per backend; create another backend instead)");

    /// <summary>The tensor itself when the dtype is equal (as torch); otherwise a converted copy made on the host.</summary>
    public Tensor Cast(Tensor a, DType dtype)
    {
        var t = T(a);
        if (t.DType == dtype) return a;
        var y = AllocateAs(dtype, t.Shape);
        SetValues(y, Values(t));
        return y;
    }
}
