using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Live.Tools.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Live.Tools.Generator.Diagnostics;

/// <summary>
/// Reports why a <c>[LiveTool]</c> method cannot be generated. It runs the generator's own validator
/// (<see cref="ToolParser"/>), so the two never disagree; the generator skips what this reports.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LiveToolAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.TypeNotPartial,
        DiagnosticDescriptors.UnmappableParameter,
        DiagnosticDescriptors.UnwritableReturnType,
        DiagnosticDescriptors.InvalidToolName,
        DiagnosticDescriptors.DuplicateToolName,
        DiagnosticDescriptors.GenericTool,
        DiagnosticDescriptors.UnsupportedParameterModifier,
        DiagnosticDescriptors.AsyncVoid,
        DiagnosticDescriptors.DuplicateBoundParameter,
        DiagnosticDescriptors.InvalidParameterName,
        DiagnosticDescriptors.UnsupportedMethod,
        DiagnosticDescriptors.DuplicateParameterName,
        DiagnosticDescriptors.FileLocalType,
        DiagnosticDescriptors.SchedulingWithoutNonBlocking,
        DiagnosticDescriptors.NegativeTimeout);

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

            start.RegisterSymbolAction(ctx => AnalyzeType(ctx, known), SymbolKind.NamedType);
            start.RegisterSyntaxNodeAction(ctx => AnalyzeLocalFunction(ctx, known), SyntaxKind.LocalFunctionStatement);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, KnownTypes known)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var tools = new List<(IMethodSymbol Method, AttributeData Attribute)>();
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IMethodSymbol method && known.Find(method, known.LiveToolAttribute) is { } attribute)
            {
                tools.Add((method, attribute));
            }
        }

        if (tools.Count == 0)
        {
            return;
        }

        var problems = new List<Problem>();

        // An interface, or a type whose tools are all abstract, gets LIVE011 on each tool; "make it partial" would not help.
        int callable = tools.FindIndex(static t => !t.Method.IsAbstract);
        if (type.TypeKind != TypeKind.Interface && callable >= 0)
        {
            ToolParser.ParseType(type, problems, tools[callable].Method.Name, context.CancellationToken);
        }

        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach ((IMethodSymbol method, AttributeData attribute) in tools)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            ToolParser.ParseMethod(method, attribute, known, problems, context.CancellationToken);
            string name = ToolParser.ToolName(method, attribute, known, problems: null, identifier: null);
            if (!names.Add(name))
            {
                problems.Add(new Problem(DiagnosticDescriptors.DuplicateToolName, method.Locations.FirstOrDefault(), new object?[] { name, method.Name, type.Name }));
            }
        }

        foreach (Problem problem in problems)
        {
            context.ReportDiagnostic(problem.ToDiagnostic());
        }
    }

    private static void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context, KnownTypes known)
    {
        var function = (LocalFunctionStatementSyntax)context.Node;
        if (function.AttributeLists.Count == 0
            || context.SemanticModel.GetDeclaredSymbol(function, context.CancellationToken) is not IMethodSymbol symbol
            || known.Find(symbol, known.LiveToolAttribute) is null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.UnsupportedMethod,
            function.Identifier.GetLocation(),
            symbol.Name,
            "only ordinary methods can be tools, not local functions"));
    }
}
