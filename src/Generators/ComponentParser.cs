using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Seer.Toolkit.Generators;

/// <summary>Turns a [Component] class symbol into an equatable <see cref="ComponentModel"/> plus diagnostics (members and hyperparameters have their own parsers).</summary>
internal static class ComponentParser
{
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

        var members = MemberParser.ParseMembers(type, diagnostics, cancellationToken);
        var canCreate = !type.IsAbstract && !type.IsStatic;
        var hyperparameters = canCreate
            ? HyperparameterParser.ParseHyperparameters(type, identifier, diagnostics, cancellationToken)
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
    internal static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;
}
