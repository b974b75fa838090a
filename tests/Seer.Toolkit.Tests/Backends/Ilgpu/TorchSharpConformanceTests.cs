using Seer.Toolkit.Backends.TorchSharp;

namespace Seer.Toolkit.Tests.Backends.Ilgpu;

/// <summary>The conformance suite on the TorchSharp backend itself: a fresh instance against the reference, and its shape errors.</summary>
public sealed class TorchSharpConformanceTests() : BackendConformanceTests(new TorchBackend(), bfloat16: true);
