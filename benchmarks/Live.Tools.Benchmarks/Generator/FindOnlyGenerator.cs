using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Live.Benchmarks.Generator;

/// <summary>
/// The floor of the generator benchmark: finds the same <c>[LiveTool]</c> methods with the same
/// <c>ForAttributeWithMetadataName</c> call and keeps only their names. Roslyn re-runs that call's transform for every
/// match whenever the compilation changes, so this is what any generator built on it pays after an unrelated edit.
/// </summary>
public sealed class FindOnlyGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<string> names = context.SyntaxProvider.ForAttributeWithMetadataName(
            "Live.Tools.LiveToolAttribute",
            static (node, _) => node is MethodDeclarationSyntax,
            static (ctx, _) => ctx.TargetSymbol.Name);
        context.RegisterSourceOutput(names.Collect(), static (spc, all) => spc.AddSource("Found.g.cs", "// " + all.Length + " tools\n"));
    }
}
