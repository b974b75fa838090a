using System.Text.Json.Serialization;

namespace Seer.Toolkit.Hosts.Worker;

/// <summary>Rank 0's summary of <c>seer-worker selftest</c>, printed as one JSON line after "selftest ".</summary>
public sealed record SelfTestReport(
    [property: JsonPropertyName("transport")] string Transport,
    [property: JsonPropertyName("ranks")] int Ranks,
    [property: JsonPropertyName("sum_of_ranks")] long SumOfRanks,
    [property: JsonPropertyName("max_rank")] long MaxRank,
    [property: JsonPropertyName("broadcast")] long Broadcast,
    [property: JsonPropertyName("allgather")] int[] AllGather,
    [property: JsonPropertyName("split_size")] int SplitSize,
    [property: JsonPropertyName("split_sum")] int SplitSum,
    [property: JsonPropertyName("buckets")] int Buckets,
    [property: JsonPropertyName("failed")] int Failed);
