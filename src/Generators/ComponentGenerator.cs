using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Seer.Toolkit.Generators;

/// <summary>Generates IComponent implementations, options classes, DI registrations and the assembly's component registry.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class ComponentGenerator : IIncrementalGenerator
{
    internal const string ComponentAttributeName = "Seer.Toolkit.Components.ComponentAttribute";
    internal const string ServiceCollectionName = "Microsoft.Extensions.DependencyInjection.IServiceCollection";
    internal const string OptionsExtensionsName = "Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions";
    internal const string RegistrationName = "Seer.Toolkit.Composition.ComponentRegistration";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ComponentAttributeName,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                ComponentParser.Parse)
            .WithTrackingName(TrackingNames.ParseResults);

        var diagnostics = results
            .SelectMany(static (r, _) => r.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        var models = results
            .Where(static r => r.Model is not null)
            .Select(static (r, _) => r.Model!)
            .WithTrackingName(TrackingNames.ComponentModels);

        var hasDependencyInjection = context.CompilationProvider
            .Select(static (c, _) => c.GetTypeByMetadataName(ServiceCollectionName) is not null
                && c.GetTypeByMetadataName(OptionsExtensionsName) is not null
                && c.GetTypeByMetadataName(RegistrationName) is not null)
            .WithTrackingName(TrackingNames.HasDependencyInjection);

        var registry = models
            .Select(static (m, _) => m.TypeName)
            .Collect()
            .Combine(context.CompilationProvider.Select(static (c, _) => c.AssemblyName ?? ""))
            .Select(static (pair, _) => new RegistryModel(
                RegistryClassName(pair.Right),
                pair.Left.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray()))
            .WithTrackingName(TrackingNames.Registry);

        context.RegisterSourceOutput(diagnostics, static (spc, d) => spc.ReportDiagnostic(d.ToDiagnostic()));

        context.RegisterSourceOutput(models.Combine(hasDependencyInjection), static (spc, pair) =>
            spc.AddSource(pair.Left.HintName, ComponentEmitter.EmitComponent(pair.Left, pair.Right)));

        context.RegisterSourceOutput(registry, static (spc, model) =>
        {
            if (model.TypeNames.Count > 0) spc.AddSource("ComponentRegistry.g.cs", ComponentEmitter.EmitRegistry(model));
        });
    }

    /// <summary>"Seer.Toolkit.Models" → "SeerToolkitModelsComponentRegistry".</summary>
    internal static string RegistryClassName(string assemblyName)
    {
        var name = new string(assemblyName.Where(c => char.IsLetterOrDigit(c) || c == '_').ToArray());
        if (name.Length == 0) name = "Assembly";
        else if (char.IsDigit(name[0])) name = "_" + name;
        return name + "ComponentRegistry";
    }
}
