namespace Seer.Toolkit.Distributed;

/// <summary>Ranks of one job disagree on configuration or state that must be identical.</summary>
public sealed class RankMismatchException(string message) : InvalidOperationException(message);
