using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Live.Tools.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Live.Tools.CodeFixes;

/// <summary>
/// Fixes LIVE012 and LIVE013 (a tool or parameter with no description) by adding the XML documentation the method
/// lacks: a <c>&lt;summary&gt;</c> and a <c>&lt;param&gt;</c> for each parameter, each placed where it belongs among
/// the existing lines. The elements are left empty on purpose: the warning stays until a description is written, because
/// the model, not the compiler, reads it.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(DocumentationCodeFixProvider))]
[Shared]
public sealed class DocumentationCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = "LiveTools.AddDocumentation";

    private static readonly Regex ParamPattern = new("<param\\s+name\\s*=\\s*\"([^\"]*)\"", RegexOptions.CultureInvariant);

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.MissingToolDescription, DiagnosticIds.MissingParameterDescription);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        static async (context, document, diagnostics) => await DocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SourceText text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is null || Method(root, diagnostic) is not { } method || Changes(method, text).Count == 0)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Add XML documentation for '" + method.Identifier.ValueText + "'",
                    ct => DocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                    EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document> DocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var methods = new HashSet<MethodDeclarationSyntax>();
        var changes = new List<TextChange>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Method(root, diagnostic) is { } method && methods.Add(method))
            {
                changes.AddRange(Changes(method, text));
            }
        }

        return changes.Count == 0
            ? document
            : document.WithText(text.WithChanges(changes.OrderBy(static c => c.Span.Start)));
    }

    private static MethodDeclarationSyntax? Method(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<MethodDeclarationSyntax>();

    /// <summary>
    /// The lines to insert into the <c>///</c> block above <paramref name="method"/> (or a new block). Works on the text,
    /// so it sees the block whether or not the compilation parses documentation comments.
    /// </summary>
    private static List<TextChange> Changes(MethodDeclarationSyntax method, SourceText text)
    {
        TextLine declarationLine = text.Lines.GetLineFromPosition(method.SpanStart);
        string newLine = declarationLine.EndIncludingLineBreak > declarationLine.End
            ? text.ToString(TextSpan.FromBounds(declarationLine.End, declarationLine.EndIncludingLineBreak))
            : "\n";

        // The last run of consecutive "///" lines in the method's leading trivia is its documentation block.
        int triviaStartLine = text.Lines.GetLineFromPosition(method.FullSpan.Start).LineNumber;
        int lastDoc = -1, firstDoc = -1;
        for (int i = declarationLine.LineNumber - 1; i >= triviaStartLine; i--)
        {
            bool isDoc = IsDocLine(text.Lines[i], out _);
            if (isDoc && lastDoc < 0)
            {
                lastDoc = i;
            }

            if (lastDoc >= 0)
            {
                if (!isDoc)
                {
                    break;
                }

                firstDoc = i;
            }
        }

        var parameters = method.ParameterList.Parameters.Select(static p => p.Identifier.ValueText).ToList();

        // A [Description] on the method already describes the tool: no <summary> then. Every parameter gets a <param>
        // (even a described one) so that the compiler's "param tag missing" warning (CS1573) never follows the fix.
        bool needsSummary = !HasDescriptionAttribute(method.AttributeLists);
        var inserts = new SortedDictionary<int, StringBuilder>();
        if (firstDoc < 0)
        {
            string indent = Indentation(declarationLine, text);
            var block = new StringBuilder();
            if (needsSummary)
            {
                block.Append(indent).Append("/// <summary></summary>").Append(newLine);
            }

            foreach (string parameter in parameters)
            {
                block.Append(indent).Append("/// <param name=\"").Append(parameter).Append("\"></param>").Append(newLine);
            }

            inserts.Add(declarationLine.Start, block);
            return ToChanges(inserts);
        }

        string docIndent = Indentation(text.Lines[firstDoc], text);
        int summaryEnd = -1;
        bool hasSummary = false;
        var documented = new Dictionary<string, (int Start, int End)>(System.StringComparer.Ordinal);
        for (int i = firstDoc; i <= lastDoc; i++)
        {
            IsDocLine(text.Lines[i], out string content);
            if (content.Contains("<summary"))
            {
                hasSummary = true;
                summaryEnd = EndLine(text, i, lastDoc, "</summary>");
            }

            foreach (Match match in ParamPattern.Matches(content))
            {
                string name = match.Groups[1].Value;
                if (!documented.ContainsKey(name))
                {
                    documented.Add(name, (i, EndLine(text, i, lastDoc, "</param>")));
                }
            }
        }

        if (!hasSummary && needsSummary)
        {
            Insert(inserts, text.Lines[firstDoc].Start, docIndent + "/// <summary></summary>" + newLine);
        }

        for (int p = 0; p < parameters.Count; p++)
        {
            if (documented.ContainsKey(parameters[p]))
            {
                continue;
            }

            string line = docIndent + "/// <param name=\"" + parameters[p] + "\"></param>" + newLine;
            int? after = null, before = null;
            for (int q = p - 1; q >= 0 && after is null; q--)
            {
                if (documented.TryGetValue(parameters[q], out (int Start, int End) found))
                {
                    after = found.End;
                }
            }

            for (int q = p + 1; q < parameters.Count && after is null && before is null; q++)
            {
                if (documented.TryGetValue(parameters[q], out (int Start, int End) found))
                {
                    before = found.Start;
                }
            }

            int position = after is { } a ? text.Lines[a].EndIncludingLineBreak
                : before is { } b ? text.Lines[b].Start
                : summaryEnd >= 0 ? text.Lines[summaryEnd].EndIncludingLineBreak
                : text.Lines[lastDoc].EndIncludingLineBreak;
            Insert(inserts, position, line);
        }

        return ToChanges(inserts);
    }

    private static bool HasDescriptionAttribute(SyntaxList<AttributeListSyntax> lists)
    {
        foreach (AttributeListSyntax list in lists)
        {
            foreach (AttributeSyntax attribute in list.Attributes)
            {
                string name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText
                    : attribute.Name is AliasQualifiedNameSyntax alias ? alias.Name.Identifier.ValueText
                    : attribute.Name.ToString();
                if (name is "Description" or "DescriptionAttribute")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsDocLine(TextLine line, out string content)
    {
        string trimmed = line.ToString().TrimStart();
        bool isDoc = trimmed.StartsWith("///", System.StringComparison.Ordinal) && !trimmed.StartsWith("////", System.StringComparison.Ordinal);
        content = isDoc ? trimmed.Substring(3) : string.Empty;
        return isDoc;
    }

    /// <summary>The line at or after <paramref name="start"/> (within the block) that closes an element, else <paramref name="start"/>.</summary>
    private static int EndLine(SourceText text, int start, int last, string closing)
    {
        for (int i = start; i <= last; i++)
        {
            IsDocLine(text.Lines[i], out string content);
            if (content.Contains(closing) || (i == start && content.TrimEnd().EndsWith("/>", System.StringComparison.Ordinal)))
            {
                return i;
            }
        }

        return start;
    }

    private static string Indentation(TextLine line, SourceText text)
    {
        int end = line.Start;
        while (end < line.End && (text[end] == ' ' || text[end] == '\t'))
        {
            end++;
        }

        return text.ToString(TextSpan.FromBounds(line.Start, end));
    }

    private static void Insert(SortedDictionary<int, StringBuilder> inserts, int position, string line)
    {
        if (!inserts.TryGetValue(position, out StringBuilder? builder))
        {
            builder = new StringBuilder();
            inserts.Add(position, builder);
        }

        builder.Append(line);
    }

    private static List<TextChange> ToChanges(SortedDictionary<int, StringBuilder> inserts) =>
        inserts.Select(static pair => new TextChange(new TextSpan(pair.Key, 0), pair.Value.ToString())).ToList();
}
