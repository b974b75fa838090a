using System.Text.Json.Serialization;

namespace Seer.Toolkit.Hosts.Worker;

/// <summary>One measured size: <see cref="Variant"/> "allreduce" (one buffer) or "bucketed" (64 MiB of gradients in buckets of this size).</summary>
public sealed record BandwidthRow(
    [property: JsonPropertyName("variant")] string Variant,
    [property: JsonPropertyName("size_mb")] int SizeMb,
    [property: JsonPropertyName("ranks")] int Ranks,
    [property: JsonPropertyName("median_ms")] double MedianMs,
    [property: JsonPropertyName("gb_per_s")] double GBPerSecond);
