using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Live.Tools.Generator.Model;
using Live.Tools.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Live.Tools.Generator.Diagnostics;

/// <summary>
/// Warns when a <c>[LiveTool]</c> method streams or reports progress but is declared BLOCKING, explicitly or by the
/// generator's default for a tool without <c>Behavior</c> (LIVE020): interim responses (<c>willContinue: true</c>) exist
/// only for NON_BLOCKING calls, so the tool loop sends only the final result. Streaming means returning
/// <c>IAsyncEnumerable&lt;T&gt;</c>; progress means calling <c>ReportProgressAsync</c> or <c>ReportPartialResultAsync</c> on
/// the method's own <c>LiveToolContext</c> parameter. A hint, never a reason not to generate the tool.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class LiveToolStreamingAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] s_interimMethods = { "ReportProgressAsync", "ReportPartialResultAsync" };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.BlockingToolCannotStream);

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
        if (method.MethodKind != MethodKind.Ordinary || method.IsAbstract
            || known.Find(method, known.LiveToolAttribute) is not { } attribute)
        {
            return;
        }

        bool stated = false;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == "Behavior" && argument.Value.Value is int b && (Behavior)b != Behavior.Unspecified)
            {
                if ((Behavior)b == Behavior.NonBlocking)
                {
                    return;
                }

                stated = true;
            }
        }

        string? what = KnownTypes.IsGeneric(method.ReturnType, known.IAsyncEnumerableOfT)
            ? "returns IAsyncEnumerable<T>, whose items before the last go out as interim responses"
            : ReportsProgress(method, known, context.CancellationToken) is { } called
                ? "calls LiveToolContext." + called + ", which sends an interim response"
                : null;
        // A tool that cannot be generated gets its errors from LiveToolAnalyzer, not this hint on top.
        if (what is null || ToolParser.ParseMethod(method, attribute, known, new List<Problem>(), context.CancellationToken) is null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.BlockingToolCannotStream,
            method.Locations.FirstOrDefault(),
            method.Name,
            what,
            stated ? "Behavior = Behavior.Blocking" : "no Behavior is set, and the generator declares such a tool BLOCKING"));
    }

    /// <summary>The interim method the body calls on one of the method's <c>LiveToolContext</c> parameters, or null.</summary>
    private static string? ReportsProgress(IMethodSymbol method, KnownTypes known, System.Threading.CancellationToken cancellationToken)
    {
        var contexts = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (KnownTypes.Is(parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), known.LiveToolContext))
            {
                contexts.Add(parameter.Name);
            }
        }

        if (contexts.Count == 0)
        {
            return null;
        }

        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not BaseMethodDeclarationSyntax declaration)
            {
                continue;
            }

            SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
            if (body is null)
            {
                continue;
            }

            foreach (SyntaxNode node in body.DescendantNodes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? receiver = null, name = null;
                if (node is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target } access)
                {
                    receiver = target.Identifier.ValueText;
                    name = access.Name.Identifier.ValueText;
                }
                else if (node is ConditionalAccessExpressionSyntax { Expression: IdentifierNameSyntax conditionalTarget, WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } })
                {
                    receiver = conditionalTarget.Identifier.ValueText;
                    name = binding.Name.Identifier.ValueText;
                }

                if (receiver is not null && contexts.Contains(receiver) && System.Array.IndexOf(s_interimMethods, name) >= 0)
                {
                    return name;
                }
            }
        }

        return null;
    }
}
