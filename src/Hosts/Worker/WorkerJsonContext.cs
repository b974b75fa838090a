using System.Text.Json.Serialization;

namespace Seer.Toolkit.Hosts.Worker;

/// <summary>Source-generated JSON metadata for the worker's reports (no reflection, NativeAOT-safe).</summary>
[JsonSerializable(typeof(SelfTestReport))]
[JsonSerializable(typeof(BandwidthRow))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
