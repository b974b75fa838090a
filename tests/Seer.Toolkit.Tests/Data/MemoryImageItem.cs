using Seer.Toolkit.Data;

namespace Seer.Toolkit.Tests.Data;

/// <summary>An in-memory item that counts how often it is read, optionally slowly.</summary>
internal sealed class MemoryImageItem(string id, byte[] data, int delayMs = 0) : ImageItem(id)
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public override long GetLength() => data.Length;

    public override byte[] ReadAllBytes()
    {
        Interlocked.Increment(ref _reads);
        if (delayMs > 0) Thread.Sleep(delayMs);
        return data;
    }
}
