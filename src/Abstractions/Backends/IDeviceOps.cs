using Seer.Toolkit.Tensors;

namespace Seer.Toolkit.Backends;

/// <summary>Placement, dtype conversion and copies back to the host.</summary>
public interface IDeviceOps
{
    /// <summary>The device new tensors are created on.</summary>
    Device DefaultDevice { get; }

    /// <summary>Copies to another device (no-op when already there).</summary>
    Tensor To(Tensor a, Device device);

    /// <summary>Converts the element type (no-op when equal).</summary>
    Tensor Cast(Tensor a, DType dtype);

    /// <summary>Host copy as float32, row-major.</summary>
    float[] ToFloatArray(Tensor a);

    /// <summary>Host copy as float64, row-major.</summary>
    double[] ToDoubleArray(Tensor a);

    /// <summary>Host copy of the raw little-endian bytes in the tensor's own dtype, row-major.</summary>
    byte[] ToBytes(Tensor a);

    /// <summary>Value of a one-element tensor.</summary>
    double Item(Tensor a);
}
