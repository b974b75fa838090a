using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Seer.Toolkit.Generators;

/// <summary>Parses a component's hyperparameters (its constructor parameters) and their default values.</summary>
internal static class HyperparameterParser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Reads the hyperparameters from the primary constructor, or the single public constructor.</summary>
    public static EquatableArray<HyperparameterModel> ParseHyperparameters(
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
                    candidates.Count.ToString(CultureInfo.InvariantCulture)));
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
                ? enumName + "." + ComponentParser.Escape(member.Name)
                : "(" + enumName + ")(" + Convert.ToString(value, CultureInfo.InvariantCulture) + ")";
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
}
