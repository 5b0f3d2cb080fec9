using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Live.Tools.Generator.Diagnostics;

/// <summary>
/// Suppresses the trim analyzer's IL2026 on <c>[MinLength]</c>, <c>[MaxLength]</c> and <c>[Length]</c> applied to a
/// parameter of a <c>[LiveTool]</c> method. Their constructors carry <c>[RequiresUnreferencedCode]</c> because their
/// <c>IsValid</c> may look up a <c>Count</c> property by reflection; a tool's arguments are checked by the generated
/// dispatcher, which counts characters and items itself and never calls <c>IsValid</c>. The same attributes anywhere
/// else (a property, a method that is not a tool) keep the warning: something may validate them by reflection.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LengthAttributeTrimSuppressor : DiagnosticSuppressor
{
    /// <summary>The id of the suppression, shown where the IDE or a SARIF log lists suppressed diagnostics.</summary>
    public const string SuppressionId = "LIVESPR001";

    private const string TrimmingId = "IL2026";

    private static readonly SuppressionDescriptor Rule = new(
        SuppressionId,
        TrimmingId,
        "The generated dispatcher checks [MinLength], [MaxLength] and [Length] on [LiveTool] parameters without reflection; the attribute's IsValid is never called for them.");

    /// <inheritdoc />
    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(Rule);

    /// <inheritdoc />
    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        INamedTypeSymbol? liveTool = context.Compilation.GetTypeByMetadataName("Live.Tools.LiveToolAttribute");
        if (liveTool is null)
        {
            return;
        }

        INamedTypeSymbol?[] lengthAttributes =
        {
            context.Compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.MinLengthAttribute"),
            context.Compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.MaxLengthAttribute"),
            context.Compilation.GetTypeByMetadataName("System.ComponentModel.DataAnnotations.LengthAttribute"),
        };

        foreach (Diagnostic diagnostic in context.ReportedDiagnostics)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (diagnostic.Id == TrimmingId && IsLengthAttributeOnToolParameter(context, diagnostic, liveTool, lengthAttributes))
            {
                context.ReportSuppression(Suppression.Create(Rule, diagnostic));
            }
        }
    }

    private static bool IsLengthAttributeOnToolParameter(SuppressionAnalysisContext context, Diagnostic diagnostic, INamedTypeSymbol liveTool, INamedTypeSymbol?[] lengthAttributes)
    {
        SyntaxTree? tree = diagnostic.Location.SourceTree;
        if (tree is null)
        {
            return false;
        }

        SyntaxNode node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        AttributeSyntax? attribute = node.FirstAncestorOrSelf<AttributeSyntax>();
        if (attribute?.Parent?.Parent is not ParameterSyntax parameter)
        {
            return false;
        }

        SemanticModel model = context.GetSemanticModel(tree);
        if (model.GetSymbolInfo(attribute, context.CancellationToken).Symbol is not IMethodSymbol constructor
            || !IsOneOf(constructor.ContainingType, lengthAttributes)
            || model.GetDeclaredSymbol(parameter, context.CancellationToken) is not { ContainingSymbol: IMethodSymbol method })
        {
            return false;
        }

        foreach (AttributeData data in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, liveTool))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOneOf(INamedTypeSymbol type, INamedTypeSymbol?[] candidates)
    {
        foreach (INamedTypeSymbol? candidate in candidates)
        {
            if (candidate is not null && SymbolEqualityComparer.Default.Equals(type, candidate))
            {
                return true;
            }
        }

        return false;
    }
}
