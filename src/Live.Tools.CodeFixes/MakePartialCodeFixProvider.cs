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
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Live.Tools.CodeFixes;

/// <summary>
/// Fixes LIVE001 by adding <c>partial</c> to the type the diagnostic names, to every type that encloses it, and to every
/// type nested in it on the way to a <c>[LiveTool]</c> method, so that the generated part can be added.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider))]
[Shared]
public sealed class MakePartialCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "LiveTools.MakePartial";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TypeNotPartial);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        static async (context, document, diagnostics) => await MakePartialAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration)
            {
                continue;
            }

            string title = declaration.Parent is TypeDeclarationSyntax || declaration.DescendantNodes().OfType<TypeDeclarationSyntax>().Any()
                ? "Make '" + declaration.Identifier.ValueText + "' and the types around it partial"
                : "Make '" + declaration.Identifier.ValueText + "' partial";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => MakePartialAsync(context.Document, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> MakePartialAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var targets = new HashSet<TypeDeclarationSyntax>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration)
            {
                continue;
            }

            targets.UnionWith(declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>());
            foreach (MethodDeclarationSyntax method in declaration.DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (method.AttributeLists.Count > 0
                    && model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol symbol
                    && ToolNames.IsTool(symbol))
                {
                    targets.UnionWith(method.Ancestors().OfType<TypeDeclarationSyntax>().TakeWhile(t => t != declaration));
                }
            }
        }

        targets.RemoveWhere(static t => t.Modifiers.Any(SyntaxKind.PartialKeyword));
        if (targets.Count == 0)
        {
            return document;
        }

        return document.WithSyntaxRoot(root.ReplaceNodes(targets, static (_, current) => AddPartial(current)));
    }

    /// <summary>Adds <c>partial</c> as the last modifier, right before the type keyword, where C# requires it.</summary>
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Count == 0)
        {
            SyntaxToken keyword = declaration.Keyword;
            SyntaxToken partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }

        return declaration.WithModifiers(declaration.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }
}
