using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Live.Tools.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Live.Tools.CodeFixes;

/// <summary>
/// Fixes LIVE004 (a tool name that breaks Gemini's rule) by naming the tool with a valid snake_case name, and LIVE005
/// (a name another tool of the type already has) by a name that says what sets the tool apart: its method's name, its
/// distinguishing parameters (<c>find_by_email</c>) or parameter types (<c>add_long</c>), and <c>name_2</c> only when
/// nothing does (see <see cref="ToolNames.Distinct"/>). The name goes into
/// <c>[LiveTool("…")]</c>: an explicit name is replaced, a derived one becomes explicit, and the method keeps its C# name.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(ToolNameCodeFixProvider))]
[Shared]
public sealed class ToolNameCodeFixProvider : CodeFixProvider
{
    /// <summary>One key for both ids: "fix all" names every tool whose name is invalid or taken, one after the other.</summary>
    private const string EquivalenceKey = "LiveTools.ToolName";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.InvalidToolName, DiagnosticIds.DuplicateToolName);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        static async (context, document, diagnostics) => await RenameAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            Plan? plan = await PlanAsync(context.Document, ImmutableArray.Create(diagnostic), context.CancellationToken).ConfigureAwait(false);
            if (plan is null || plan.Names.Count == 0)
            {
                continue;
            }

            string name = plan.Names.Values.First();
            string title = diagnostic.Id == DiagnosticIds.InvalidToolName
                ? "Name the tool '" + name + "'"
                : "Rename the tool to '" + name + "'";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => RenameAsync(context.Document, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> RenameAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        Plan? plan = await PlanAsync(document, diagnostics, cancellationToken).ConfigureAwait(false);
        if (plan is null || plan.Names.Count == 0)
        {
            return document;
        }

        SyntaxNode newRoot = plan.Root.ReplaceNodes(plan.Names.Keys, (original, current) => ToolNames.WithName(current, plan.Names[original]));
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>The new name of each tool in <paramref name="diagnostics"/>, chosen one after the other so that they never collide.</summary>
    private static async Task<Plan?> PlanAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var names = new Dictionary<AttributeSyntax, string>();
        var typeNames = new Dictionary<INamedTypeSymbol, Dictionary<IMethodSymbol, string>>(SymbolEqualityComparer.Default);
        foreach (Diagnostic diagnostic in diagnostics.OrderBy(static d => d.Location.SourceSpan.Start))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } declaration
                || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method
                || ToolNames.FindAttribute(declaration, model, cancellationToken) is not { } attribute
                || names.ContainsKey(attribute)
                || ToolNames.NameOf(method) is not { } current)
            {
                continue;
            }

            if (!typeNames.TryGetValue(method.ContainingType, out Dictionary<IMethodSymbol, string>? inType))
            {
                inType = ToolNames.NamesInType(method.ContainingType);
                typeNames.Add(method.ContainingType, inType);
            }

            var taken = new HashSet<string>(inType.Where(pair => !SymbolEqualityComparer.Default.Equals(pair.Key, method)).Select(static pair => pair.Value), System.StringComparer.Ordinal);
            string wanted = diagnostic.Id == DiagnosticIds.InvalidToolName ? ToolNames.MakeValid(current) : current;
            string name = ToolNames.Distinct(method, wanted, inType, taken);
            inType[method] = name;
            names.Add(attribute, name);
        }

        return new Plan(root, names);
    }

    private sealed class Plan
    {
        public Plan(SyntaxNode root, Dictionary<AttributeSyntax, string> names)
        {
            Root = root;
            Names = names;
        }

        public SyntaxNode Root { get; }

        public Dictionary<AttributeSyntax, string> Names { get; }
    }
}
