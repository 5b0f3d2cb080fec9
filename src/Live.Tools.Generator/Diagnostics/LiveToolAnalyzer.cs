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
        DiagnosticDescriptors.NegativeTimeout,
        DiagnosticDescriptors.IgnoredPublicField,
        DiagnosticDescriptors.UnenforcedAnnotation,
        DiagnosticDescriptors.UnbindableServiceParameter,
        DiagnosticDescriptors.NoToolFactory);

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
        List<(IMethodSymbol Method, AttributeData Attribute)> tools = Tools(type, known);
        var problems = new List<Problem>();

        // The type must take the generated part: it, and each type around it, is checked from its own symbol, so every
        // diagnostic stays local to the symbol being analyzed (the IDE shows local diagnostics while typing). An
        // interface, or a type whose tools are all abstract, only gets LIVE011: "make it partial" would not help.
        if ((CallableTool(type, tools) ?? NestedCallableTool(type, known)) is { } reason)
        {
            var typeProblems = new List<Problem>();
            ToolParser.ParseType(type, typeProblems, reason.Name, context.CancellationToken);
            problems.AddRange(typeProblems.Where(p => IsInside(p.Location, type)));
        }

        // The generated factory (ILiveToolFactory) needs a constructor it can choose: LIVE022 on a class it would be for.
        if (!type.IsStatic && tools.Exists(static t => !t.Method.IsAbstract))
        {
            ConstructionParser.Parse(type, problems);
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

    private static List<(IMethodSymbol Method, AttributeData Attribute)> Tools(INamedTypeSymbol type, KnownTypes known)
    {
        var tools = new List<(IMethodSymbol Method, AttributeData Attribute)>();
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IMethodSymbol method && known.Find(method, known.LiveToolAttribute) is { } attribute)
            {
                tools.Add((method, attribute));
            }
        }

        return tools;
    }

    private static IMethodSymbol? CallableTool(INamedTypeSymbol type, List<(IMethodSymbol Method, AttributeData Attribute)> tools) =>
        type.TypeKind == TypeKind.Interface ? null : tools.Find(static t => !t.Method.IsAbstract).Method;

    /// <summary>A tool the generator would add code for, in a type nested (at any depth) in <paramref name="type"/>.</summary>
    private static IMethodSymbol? NestedCallableTool(INamedTypeSymbol type, KnownTypes known)
    {
        foreach (INamedTypeSymbol nested in type.GetTypeMembers())
        {
            if ((CallableTool(nested, Tools(nested, known)) ?? NestedCallableTool(nested, known)) is { } tool)
            {
                return tool;
            }
        }

        return null;
    }

    private static bool IsInside(Location? location, INamedTypeSymbol type)
    {
        if (location is null || !location.IsInSource)
        {
            return false;
        }

        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == location.SourceTree && reference.Span.Contains(location.SourceSpan))
            {
                return true;
            }
        }

        return false;
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
