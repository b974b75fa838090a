using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Seer.Toolkit.Generators;

/// <summary>Parses the [Child], [Parameter] and [Buffer] members of a component.</summary>
internal static class MemberParser
{
    private const string ComponentsNamespace = "Seer.Toolkit.Components";

    /// <summary>Collects the [Child], [Parameter] and [Buffer] members in declaration order, checking their types and names.</summary>
    public static EquatableArray<StateMemberModel> ParseMembers(
        INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        // Attributes written as [field: Child] sit on an auto-property's backing field; they belong to the property.
        var backingFieldAttributes = type.GetMembers().OfType<IFieldSymbol>()
            .Where(f => f.AssociatedSymbol is IPropertySymbol)
            .ToDictionary(f => f.AssociatedSymbol!, f => f.GetAttributes(), SymbolEqualityComparer.Default);

        var result = ImmutableArray.CreateBuilder<StateMemberModel>();
        var namesSeen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            ITypeSymbol memberType;
            ImmutableArray<AttributeData> attributes;
            switch (member)
            {
                case IFieldSymbol { AssociatedSymbol: null } field:
                    memberType = field.Type;
                    attributes = field.GetAttributes();
                    break;
                case IPropertySymbol property:
                    memberType = property.Type;
                    attributes = backingFieldAttributes.TryGetValue(property, out var extra)
                        ? property.GetAttributes().AddRange(extra)
                        : property.GetAttributes();
                    break;
                default:
                    continue;
            }

            foreach (var attribute in attributes)
            {
                var kind = StateKindOf(attribute);
                if (kind is null) continue;
                var state = ParseMember(type, member, memberType, kind.Value, attribute, diagnostics);
                if (state is null) break;
                if (!state.IsInline)
                {
                    if (namesSeen.TryGetValue(state.StateName, out var first))
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateStateName,
                            member.Locations.FirstOrDefault(), state.StateName, first, member.Name, type.Name));
                    else
                        namesSeen.Add(state.StateName, member.Name);
                }
                result.Add(state);
                break;
            }
        }
        return new EquatableArray<StateMemberModel>(result.ToImmutable());
    }

    /// <summary>Checks one member's type and builds its model, or reports and returns null.</summary>
    private static StateMemberModel? ParseMember(
        INamedTypeSymbol type, ISymbol member, ITypeSymbol memberType, StateKind kind, AttributeData attribute, List<DiagnosticInfo> diagnostics)
    {
        var location = member.Locations.FirstOrDefault();
        var valid = kind switch
        {
            StateKind.Child => IsComponentType(memberType),
            StateKind.Parameter => IsUnresolved(memberType) || IsComponentsType(memberType, "Parameter"),
            _ => IsUnresolved(memberType) || IsComponentsType(memberType, "StateBuffer"),
        };
        if (!valid)
        {
            diagnostics.Add(kind == StateKind.Child
                ? DiagnosticInfo.Create(DiagnosticDescriptors.ChildNotComponent, location, member.Name, type.Name, memberType.ToDisplayString())
                : DiagnosticInfo.Create(DiagnosticDescriptors.WrongSlotType, location, member.Name, type.Name, kind.ToString(), memberType.ToDisplayString(),
                    kind == StateKind.Parameter ? "Parameter" : "StateBuffer"));
            return null;
        }

        var explicitName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var trimmed = member.Name.TrimStart('_');
        var stateName = explicitName ?? (trimmed.Length > 0 ? trimmed : member.Name);
        var isInline = kind == StateKind.Child && attribute.NamedArguments.Any(a => a.Key == "Inline" && a.Value.Value is true);
        var mayBeNull = memberType.IsReferenceType && memberType.NullableAnnotation != NullableAnnotation.NotAnnotated;
        return new StateMemberModel(kind, ComponentParser.Escape(member.Name), stateName, mayBeNull, isInline);
    }

    /// <summary>Maps a member attribute to the state kind it declares.</summary>
    private static StateKind? StateKindOf(AttributeData attribute) => attribute.AttributeClass switch
    {
        { } c when IsComponentsType(c, "ChildAttribute") => StateKind.Child,
        { } c when IsComponentsType(c, "ParameterAttribute") => StateKind.Parameter,
        { } c when IsComponentsType(c, "BufferAttribute") => StateKind.Buffer,
        _ => null,
    };

    /// <summary>True for IComponent, its implementations (ComponentList included) and [Component] classes whose implementation is generated.</summary>
    private static bool IsComponentType(ITypeSymbol type)
    {
        if (IsUnresolved(type)) return true;
        if (IsComponentsType(type, "IComponent") || type.AllInterfaces.Any(i => IsComponentsType(i, "IComponent"))) return true;
        if (type.GetAttributes().Any(a => a.AttributeClass is { } c && IsComponentsType(c, "ComponentAttribute"))) return true;
        return type is INamedTypeSymbol { IsGenericType: true } named && IsComponentsType(named.OriginalDefinition, "ComponentList");
    }

    /// <summary>
    /// True for a type the compiler could not bind (already an error), including <c>T?</c> over such a type, which binds as
    /// Nullable&lt;error&gt;: reporting it again would only add noise.
    /// </summary>
    private static bool IsUnresolved(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Error
        || type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && nullable.TypeArguments[0].TypeKind == TypeKind.Error;

    /// <summary>True for the top-level type of that name in Seer.Toolkit.Components.</summary>
    private static bool IsComponentsType(ITypeSymbol type, string name) =>
        type.Name == name && type.ContainingType is null && type.ContainingNamespace?.ToDisplayString() == ComponentsNamespace;
}
