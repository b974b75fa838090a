namespace Seer.Toolkit.Backends.Mpi;

/// <summary>An MPI call returned an error code; the message carries MPI's own description.</summary>
public sealed class MpiException(string call, int code, string description)
    : Exception($"{call} failed with MPI error {code}: {description}")
{
    /// <summary>The MPI function that failed.</summary>
    public string Call { get; } = call;

    /// <summary>MPI's error code.</summary>
    public int Code { get; } = code;
}
