namespace Seer.Toolkit.Weights;

/// <summary>A checkpoint's keys or shapes do not fit the model; the message names every offending key.</summary>
public sealed class CheckpointMismatchException(string message, StateMatchResult result) : Exception(message)
{
    /// <summary>The full comparison, untruncated.</summary>
    public StateMatchResult Result { get; } = result;
}
