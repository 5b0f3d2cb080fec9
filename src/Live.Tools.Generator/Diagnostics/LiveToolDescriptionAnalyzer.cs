using System.Collections.Generic;
using System.Collections.Immutable;
using Live.Tools.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Live.Tools.Generator.Diagnostics;

/// <summary>
/// Warns when a <c>[LiveTool]</c> method or one of the parameters the model fills in has no description
/// (LIVE012, LIVE013): the model chooses tools, and fills in arguments, by their descriptions. It reads descriptions
/// through the generator's own parser (<see cref="ToolParser.Descriptions"/>), so what it misses is what the model misses.
/// Kept apart from <see cref="LiveToolAnalyzer"/>, which reports why code cannot be generated: a missing description
/// never stops the generator.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LiveToolDescriptionAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MissingToolDescription,
        DiagnosticDescriptors.MissingParameterDescription);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var known = KnownTypes.Create(start.Compilation);
            if (known.LiveToolAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(ctx => AnalyzeMethod(ctx, known), SymbolKind.Method);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, KnownTypes known)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (known.Find(method, known.LiveToolAttribute) is not { } attribute)
        {
            return;
        }

        var problems = new List<Problem>();
        ToolParser.Descriptions(method, attribute, known, problems, context.CancellationToken);
        foreach (Problem problem in problems)
        {
            context.ReportDiagnostic(problem.ToDiagnostic());
        }
    }
}
