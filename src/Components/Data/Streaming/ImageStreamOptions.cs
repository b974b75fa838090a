namespace Seer.Toolkit.Data;

/// <summary>Worker threads and prefetch depth of an <see cref="ImageStream"/>.</summary>
public sealed record ImageStreamOptions
{
    /// <summary>Decoding threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Items decoded ahead of the consumer (the bounded channel's capacity); 0 = twice <see cref="Threads"/>.</summary>
    public int Prefetch { get; init; }
}
