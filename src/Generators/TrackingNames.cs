namespace Seer.Toolkit.Generators;

/// <summary>Names of the tracked pipeline steps, for incremental-caching tests.</summary>
internal static class TrackingNames
{
    /// <summary>Parser output per [Component] class.</summary>
    public const string ParseResults = "ParseResults";

    /// <summary>Diagnostics split from the parse results.</summary>
    public const string Diagnostics = "Diagnostics";

    /// <summary>Valid component models.</summary>
    public const string ComponentModels = "ComponentModels";

    /// <summary>Whether the compilation references dependency injection.</summary>
    public const string HasDependencyInjection = "HasDependencyInjection";

    /// <summary>The per-assembly registry model.</summary>
    public const string Registry = "Registry";
}
