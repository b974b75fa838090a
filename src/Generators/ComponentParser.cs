using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Seer.Toolkit.Generators;

/// <summary>Turns a [Component] class symbol into an equatable <see cref="ComponentModel"/> plus diagnostics.</summary>
internal static class ComponentParser
{
    private const string ComponentsNamespace = "Seer.Toolkit.Components";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Parses the class the attribute was found on.</summary>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        var identifier = syntax.Identifier.GetLocation();
        var diagnostics = new List<DiagnosticInfo>();

        CheckPartial(type, cancellationToken, diagnostics);
        if (IsGeneric(type))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericComponent, identifier, type.Name));
        if (!type.GetMembers("Forward").OfType<IMethodSymbol>().Any())
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingForward, identifier, type.Name));

        var members = ParseMembers(type, diagnostics, cancellationToken);
        var canCreate = !type.IsAbstract && !type.IsStatic;
        var hyperparameters = canCreate
            ? ParseHyperparameters(type, identifier, diagnostics, cancellationToken)
            : EquatableArray<HyperparameterModel>.Empty;

        if (diagnostics.Count > 0) return new ParseResult(null, diagnostics.ToEquatableArray());

        var containers = ContainingTypes(type);
        var accessibility = EffectiveAccessibility(type);
        var model = new ComponentModel(
            Namespace: type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
            ContainingTypes: containers.Select(t => new ContainingTypeModel(Keyword(t), Escape(t.Name))).ToEquatableArray(),
            Keyword: Keyword(type),
            ClassName: Escape(type.Name),
            FullyQualifiedName: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            TypeName: RegisteredName(type, context.Attributes),
            HintName: HintName(type),
            FlatName: string.Concat(containers.Select(t => t.Name)) + type.Name,
            GeneratedAccessibility: accessibility == Accessibility.Public ? "public" : "internal",
            CanCreate: canCreate,
            CanRegister: canCreate && accessibility is Accessibility.Public or Accessibility.Internal,
            Members: members,
            Hyperparameters: hyperparameters);
        return new ParseResult(model, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>SEER001 for the class and for every containing type that has a non-partial declaration.</summary>
    private static void CheckPartial(INamedTypeSymbol component, CancellationToken cancellationToken, List<DiagnosticInfo> diagnostics)
    {
        for (var type = component; type is not null; type = type.ContainingType)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration) continue;
                if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword)) continue;
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.NotPartial, declaration.Identifier.GetLocation(), type.Name, component.Name));
                break;
            }
        }
    }

    /// <summary>True when the class or any containing type has type parameters.</summary>
    private static bool IsGeneric(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
            if (t.TypeParameters.Length > 0) return true;
        return false;
    }

    /// <summary>Collects the [Child], [Parameter] and [Buffer] members in declaration order, checking their types and names.</summary>
    private static EquatableArray<StateMemberModel> ParseMembers(
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
            _ => IsUnresolved(memberType) || IsComponentsType(memberType, "Buffer"),
        };
        if (!valid)
        {
            diagnostics.Add(kind == StateKind.Child
                ? DiagnosticInfo.Create(DiagnosticDescriptors.ChildNotComponent, location, member.Name, type.Name, memberType.ToDisplayString())
                : DiagnosticInfo.Create(DiagnosticDescriptors.WrongSlotType, location, member.Name, type.Name, kind.ToString(), memberType.ToDisplayString()));
            return null;
        }

        var explicitName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
        var trimmed = member.Name.TrimStart('_');
        var stateName = explicitName ?? (trimmed.Length > 0 ? trimmed : member.Name);
        var isInline = kind == StateKind.Child && attribute.NamedArguments.Any(a => a.Key == "Inline" && a.Value.Value is true);
        var mayBeNull = memberType.IsReferenceType && memberType.NullableAnnotation != NullableAnnotation.NotAnnotated;
        return new StateMemberModel(kind, Escape(member.Name), stateName, mayBeNull, isInline);
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

    /// <summary>Reads the hyperparameters from the primary constructor, or the single public constructor.</summary>
    private static EquatableArray<HyperparameterModel> ParseHyperparameters(
        INamedTypeSymbol type, Location identifier, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        var constructor = type.InstanceConstructors.FirstOrDefault(c =>
            c.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax));
        if (constructor is null)
        {
            var candidates = type.InstanceConstructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToList();
            if (candidates.Count != 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.AmbiguousConstructor, identifier, type.Name,
                    candidates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return EquatableArray<HyperparameterModel>.Empty;
            }
            constructor = candidates[0];
        }

        var result = ImmutableArray.CreateBuilder<HyperparameterModel>();
        foreach (var parameter in constructor.Parameters)
        {
            var model = ParseHyperparameter(parameter);
            if (model is null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedHyperparameter,
                    parameter.Locations.FirstOrDefault(), parameter.Name, type.Name, parameter.Type.ToDisplayString()));
            else
                result.Add(model);
        }
        return new EquatableArray<HyperparameterModel>(result.ToImmutable());
    }

    /// <summary>Builds a hyperparameter model, or null when its type is unsupported.</summary>
    private static HyperparameterModel? ParseHyperparameter(IParameterSymbol parameter)
    {
        if (parameter.RefKind != RefKind.None) return null;
        var type = parameter.Type;
        HyperparameterShape shape;
        ITypeSymbol element;
        if (IsScalar(type) || type.TypeKind == TypeKind.Enum)
            (shape, element) = (HyperparameterShape.Scalar, type);
        else if (type is IArrayTypeSymbol { Rank: 1 } array && IsScalar(array.ElementType))
            (shape, element) = (HyperparameterShape.Array, array.ElementType);
        else if (type is INamedTypeSymbol { TypeArguments.Length: 1 } list && IsReadOnlyList(list) && IsScalar(list.TypeArguments[0]))
            (shape, element) = (HyperparameterShape.ReadOnlyList, list.TypeArguments[0]);
        else
            return null;

        var isString = element.SpecialType == SpecialType.System_String;
        var isNullable = type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated;
        string? literal = null;
        if (parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is { } value)
            literal = FormatDefault(value, type);
        return new HyperparameterModel(
            ParameterName: parameter.Name,
            PropertyName: PascalCase(parameter.Name),
            Shape: shape,
            ElementType: element.ToDisplayString(TypeFormat),
            IsString: isString,
            IsNullable: isNullable,
            HasDefault: parameter.HasExplicitDefaultValue,
            DefaultLiteral: literal);
    }

    /// <summary>bool, int, long, float, double or string.</summary>
    private static bool IsScalar(ITypeSymbol type) => type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Int32
        or SpecialType.System_Int64 or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_String;

    /// <summary>True for System.Collections.Generic.IReadOnlyList&lt;T&gt;.</summary>
    private static bool IsReadOnlyList(INamedTypeSymbol type) =>
        type.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IReadOnlyList<T>";

    /// <summary>Writes a non-null default value of a scalar or enum parameter as a C# literal.</summary>
    private static string FormatDefault(object value, ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            var member = enumType.GetMembers().OfType<IFieldSymbol>()
                .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
            var enumName = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            return member is not null
                ? enumName + "." + Escape(member.Name)
                : "(" + enumName + ")(" + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) + ")";
        }
        return value switch
        {
            bool b => LiteralFormatter.Boolean(b),
            int i => LiteralFormatter.Int32(i),
            long l => LiteralFormatter.Int64(l),
            float f => LiteralFormatter.Single(f),
            double d => LiteralFormatter.Double(d),
            string s => LiteralFormatter.String(s),
            _ => throw new InvalidOperationException("unexpected default value of type " + value.GetType()),
        };
    }

    /// <summary>channels → Channels, squeeze_channels → SqueezeChannels.</summary>
    private static string PascalCase(string name)
    {
        var parts = name.Split(['_'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) return "Value";
        return string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
    }

    /// <summary>The [Component("name")] argument, or the class name.</summary>
    private static string RegisteredName(INamedTypeSymbol type, ImmutableArray<AttributeData> attributes)
    {
        var attribute = attributes.FirstOrDefault();
        return attribute is { ConstructorArguments.Length: 1 } && attribute.ConstructorArguments[0].Value is string { Length: > 0 } name
            ? name
            : type.Name;
    }

    /// <summary>Containing types, outermost first.</summary>
    private static List<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
    {
        var list = new List<INamedTypeSymbol>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType) list.Insert(0, t);
        return list;
    }

    /// <summary>The keyword a partial redeclaration of the type uses.</summary>
    private static string Keyword(INamedTypeSymbol type) => (type.TypeKind, type.IsRecord) switch
    {
        (TypeKind.Struct, true) => "record struct",
        (TypeKind.Struct, false) => "struct",
        (TypeKind.Interface, _) => "interface",
        (_, true) => "record",
        _ => "class",
    };

    /// <summary>Public when the whole chain is public, internal when reachable from the assembly, otherwise private.</summary>
    private static Accessibility EffectiveAccessibility(INamedTypeSymbol type)
    {
        var result = Accessibility.Public;
        for (var t = type; t is not null; t = t.ContainingType)
        {
            switch (t.DeclaredAccessibility)
            {
                case Accessibility.Public:
                    break;
                case Accessibility.Internal or Accessibility.ProtectedOrInternal:
                    result = Accessibility.Internal;
                    break;
                default:
                    return Accessibility.Private;
            }
        }
        return result;
    }

    /// <summary>A unique, file-name-safe hint: Namespace.Outer+Inner.g.cs.</summary>
    private static string HintName(INamedTypeSymbol type)
    {
        var name = type.Name;
        for (var t = type.ContainingType; t is not null; t = t.ContainingType) name = t.Name + "+" + name;
        return type.ContainingNamespace.IsGlobalNamespace ? name + ".g.cs" : type.ContainingNamespace.ToDisplayString() + "." + name + ".g.cs";
    }

    /// <summary>Prefixes reserved keywords with @.</summary>
    private static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
}
