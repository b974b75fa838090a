using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Seer.Toolkit.Generators;

/// <summary>What the parser made of one [Component] class: a model when it is valid, and its diagnostics.</summary>
internal sealed record ParseResult(ComponentModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Everything the emitter needs for one component, free of symbols and syntax.</summary>
internal sealed record ComponentModel(
    string Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Keyword,
    string ClassName,
    string FullyQualifiedName,
    string TypeName,
    string HintName,
    string FlatName,
    string GeneratedAccessibility,
    bool CanCreate,
    bool CanRegister,
    EquatableArray<StateMemberModel> Members,
    EquatableArray<HyperparameterModel> Hyperparameters);

/// <summary>A type enclosing a nested component: its declaration keyword and escaped name.</summary>
internal sealed record ContainingTypeModel(string Keyword, string Name);

/// <summary>The kind of state a member holds.</summary>
internal enum StateKind
{
    /// <summary>A child component.</summary>
    Child,

    /// <summary>A trainable parameter.</summary>
    Parameter,

    /// <summary>A non-trainable buffer.</summary>
    Buffer,
}

/// <summary>A [Child], [Parameter] or [Buffer] member, in source declaration order.</summary>
internal sealed record StateMemberModel(StateKind Kind, string AccessName, string StateName, bool MayBeNull, bool IsInline);

/// <summary>How a hyperparameter value is shaped.</summary>
internal enum HyperparameterShape
{
    /// <summary>A single bool, number, string or enum.</summary>
    Scalar,

    /// <summary>A one-dimensional array.</summary>
    Array,

    /// <summary>An IReadOnlyList&lt;T&gt;.</summary>
    ReadOnlyList,
}

/// <summary>
/// One constructor parameter of a component. ElementType is the fully qualified scalar or element type;
/// DefaultLiteral is the C# text of the default value, or null when the default is null.
/// </summary>
internal sealed record HyperparameterModel(
    string ParameterName,
    string PropertyName,
    HyperparameterShape Shape,
    string ElementType,
    bool IsString,
    bool IsNullable,
    bool HasDefault,
    string? DefaultLiteral);

/// <summary>The per-assembly registry of component type names.</summary>
internal sealed record RegistryModel(string ClassName, EquatableArray<string> TypeNames);

/// <summary>A diagnostic captured as plain data, turned back into a <see cref="Diagnostic"/> at report time.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>Captures a diagnostic at a location.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        new(descriptor, LocationInfo.From(location), arguments.ToEquatableArray());

    /// <summary>Rebuilds the diagnostic.</summary>
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(), Arguments.Items.Cast<object?>().ToArray());
}

/// <summary>A source location as plain data (file path and spans).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>Captures a location, or null when it is not in source.</summary>
    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null ? null : new(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    /// <summary>Rebuilds the location.</summary>
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
