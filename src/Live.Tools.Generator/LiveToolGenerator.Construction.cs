using Live.Tools.Generator.Emitting;
using Live.Tools.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Live.Tools.Generator;

/// <content>
/// The construction outputs: a factory file per tool class (<c>ILiveToolFactory&lt;T&gt;</c>), and, in a project that
/// references Live.Extensions.DependencyInjection, one registration file listing every tool type of the assembly.
/// </content>
public sealed partial class LiveToolGenerator
{
    private const string LiveClientBuilderName = "Live.DependencyInjection.LiveClientBuilder";

    private static void RegisterConstruction(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ToolSetSpec> toolSets)
    {
        IncrementalValuesProvider<TypeSpec> types = toolSets
            .Select(static (set, _) => set.Type)
            .WithTrackingName(TrackingNames.ToolTypes);

        context.RegisterSourceOutput(
            types.Where(static t => t.Construction is { HasFactory: true }),
            static (spc, type) => spc.AddSource(Emitter.FactoryHintName(type), Emitter.EmitFactory(type)));

        IncrementalValueProvider<bool> hasDependencyInjection = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(LiveClientBuilderName) is not null)
            .WithTrackingName(TrackingNames.HasDependencyInjection);

        context.RegisterSourceOutput(
            types.Collect().Combine(hasDependencyInjection),
            static (spc, pair) =>
            {
                if (pair.Right && !pair.Left.IsEmpty)
                {
                    spc.AddSource(Emitter.RegistrationHintName, Emitter.EmitRegistration(pair.Left));
                }
            });
    }
}
