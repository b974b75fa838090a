namespace Seer.Toolkit.Hosts.Worker;

/// <summary>Settings of <c>seer-worker bench</c>.</summary>
/// <param name="SizesMb">Message sizes in MiB.</param>
/// <param name="Iterations">Timed all-reduces per size (after two warm-ups).</param>
/// <param name="Json">Print JSON lines instead of a table.</param>
public sealed record BandwidthOptions(int[] SizesMb, int Iterations, bool Json);
