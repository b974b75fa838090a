namespace Seer.Toolkit.Tensors;

/// <summary>Kind of compute device.</summary>
public enum DeviceKind
{
    Cpu,
    Cuda,
    OpenCL,
}

/// <summary>A compute device: kind plus ordinal ("cpu", "cuda:0").</summary>
public readonly record struct Device(DeviceKind Kind, int Index = 0)
{
    /// <summary>The host CPU.</summary>
    public static Device Cpu { get; } = new(DeviceKind.Cpu);

    /// <summary>Parses "cpu", "cuda", "cuda:1", "opencl:0".</summary>
    public static Device Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split(':');
        var kind = parts[0] switch
        {
            "cpu" => DeviceKind.Cpu,
            "cuda" => DeviceKind.Cuda,
            "opencl" => DeviceKind.OpenCL,
            _ => throw new FormatException($"unknown device '{text}' (expected cpu, cuda[:N] or opencl[:N])"),
        };
        var index = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new Device(kind, index);
    }

    /// <inheritdoc />
    public override string ToString() => Kind == DeviceKind.Cpu ? "cpu" : $"{Kind.ToString().ToLowerInvariant()}:{Index}";
}

/// <summary>Physical layout of a 4-D activation.</summary>
public enum MemoryFormat
{
    /// <summary>NCHW, row-major.</summary>
    Contiguous,
    /// <summary>NHWC strides for an NCHW-shaped tensor.</summary>
    ChannelsLast,
}
