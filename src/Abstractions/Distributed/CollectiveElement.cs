namespace Seer.Toolkit.Distributed;

/// <summary>The element types every <see cref="IProcessGroup"/> accepts: float, double, int, long and byte.</summary>
public static class CollectiveElement
{
    /// <summary>True when <typeparamref name="T"/> is one of the supported element types.</summary>
    public static bool IsSupported<T>() where T : unmanaged =>
        typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(int)
        || typeof(T) == typeof(long) || typeof(T) == typeof(byte);

    /// <summary>Throws <see cref="NotSupportedException"/> naming <typeparamref name="T"/> when it is not supported.</summary>
    public static void Require<T>() where T : unmanaged
    {
        if (!IsSupported<T>())
            throw new NotSupportedException($"collectives take float, double, int, long or byte elements, not {typeof(T).Name}");
    }
}
