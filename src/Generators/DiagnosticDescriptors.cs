using Microsoft.CodeAnalysis;

namespace Seer.Toolkit.Generators;

/// <summary>Every diagnostic the component generator reports; IDs are stable.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Seer.Toolkit.Generators";

    /// <summary>SEER001: the component class or one of its containing types is not partial.</summary>
    public static readonly DiagnosticDescriptor NotPartial = Error(
        "SEER001",
        "Component types must be partial",
        "Type '{0}' must be declared partial because it is or contains the [Component] class '{1}'");

    /// <summary>SEER002: a [Child] member's type is not a component.</summary>
    public static readonly DiagnosticDescriptor ChildNotComponent = Error(
        "SEER002",
        "Child member type is not a component",
        "Child member '{0}' of component '{1}' has type '{2}', which neither implements Seer.Toolkit.Components.IComponent nor is a [Component] class");

    /// <summary>SEER003: two state members of one component share a name.</summary>
    public static readonly DiagnosticDescriptor DuplicateStateName = Error(
        "SEER003",
        "Duplicate state name",
        "State name '{0}' is used by both '{1}' and '{2}' in component '{3}'");

    /// <summary>SEER004: a hyperparameter has a type the options class cannot carry.</summary>
    public static readonly DiagnosticDescriptor UnsupportedHyperparameter = Error(
        "SEER004",
        "Unsupported hyperparameter type",
        "Hyperparameter '{0}' of component '{1}' has unsupported type '{2}'; supported are bool, int, long, float, double, string, enums, and arrays or IReadOnlyList<T> of int, long, float, double, bool or string");

    /// <summary>SEER005: the component declares no Forward method.</summary>
    public static readonly DiagnosticDescriptor MissingForward = Error(
        "SEER005",
        "Component declares no Forward method",
        "Component '{0}' declares no method named 'Forward'");

    /// <summary>SEER006: a [Parameter] or [Buffer] member has the wrong type.</summary>
    public static readonly DiagnosticDescriptor WrongSlotType = Error(
        "SEER006",
        "Parameter or buffer member has the wrong type",
        "Member '{0}' of component '{1}' is marked [{2}] but has type '{3}'; expected Seer.Toolkit.Components.{4}");

    /// <summary>SEER007: the component is generic or nested in a generic type.</summary>
    public static readonly DiagnosticDescriptor GenericComponent = Error(
        "SEER007",
        "Generic components are not supported",
        "Component '{0}' is generic or nested in a generic type, which is not supported");

    /// <summary>SEER008: without a primary constructor there must be exactly one public constructor.</summary>
    public static readonly DiagnosticDescriptor AmbiguousConstructor = Error(
        "SEER008",
        "Hyperparameters are ambiguous",
        "Component '{0}' has no primary constructor and {1} public instance constructors; exactly one defines the hyperparameters");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
