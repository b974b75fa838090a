using System.Buffers.Binary;
using System.Text;

namespace Seer.Toolkit.Tests.Weights;

/// <summary>Assembles safetensors bytes by hand (prefix, header text, data), independent of the production writer.</summary>
internal static class RawSafetensorsFile
{
    /// <summary>Writes u64 LE header length (or <paramref name="declaredLength"/>), the header text as UTF-8, then <paramref name="data"/>.</summary>
    public static void Write(string path, string header, byte[] data, ulong? declaredLength = null)
    {
        var headerBytes = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + headerBytes.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)headerBytes.Length);
        headerBytes.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + headerBytes.Length);
        File.WriteAllBytes(path, bytes);
    }
}
