using System;
using System.Text;
using System.Threading;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Live.Tools.Generator.Parsing;

/// <summary>
/// Reads descriptions from XML documentation comments. When the compilation does not parse doc comments
/// (<c>GenerateDocumentationFile</c> off), the <c>///</c> lines are read from the syntax instead.
/// </summary>
internal static class DocComments
{
    public static XElement? Get(ISymbol symbol, CancellationToken cancellationToken)
    {
        string? xml = symbol.GetDocumentationCommentXml(cancellationToken: cancellationToken);
        if (string.IsNullOrWhiteSpace(xml))
        {
            xml = FromSyntax(symbol, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(xml))
        {
            return null;
        }

        try
        {
            return DocXml.TryParse(xml!) ?? XElement.Parse(xml, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    public static string? Summary(XElement? doc) => Text(doc?.Element("summary"));

    public static string? Param(XElement? doc, string name)
    {
        if (doc is null)
        {
            return null;
        }

        foreach (XElement param in doc.Elements("param"))
        {
            if (string.Equals((string?)param.Attribute("name"), name, StringComparison.Ordinal))
            {
                return Text(param);
            }
        }

        return null;
    }

    private static string? Text(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        Append(builder, element);
        string text = Collapse(builder.ToString());
        return text.Length == 0 ? null : text;
    }

    private static void Append(StringBuilder builder, XElement element)
    {
        foreach (XNode node in element.Nodes())
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement child:
                    switch (child.Name.LocalName)
                    {
                        case "see":
                        case "seealso":
                            if (!child.IsEmpty)
                            {
                                Append(builder, child);
                            }
                            else
                            {
                                string? reference = (string?)child.Attribute("langword") ?? (string?)child.Attribute("href") ?? (string?)child.Attribute("cref");
                                builder.Append(ShortName(reference));
                            }

                            break;
                        case "paramref":
                        case "typeparamref":
                            builder.Append((string?)child.Attribute("name"));
                            break;
                        case "para":
                        case "br":
                            builder.Append(' ');
                            Append(builder, child);
                            builder.Append(' ');
                            break;
                        default:
                            Append(builder, child);
                            break;
                    }

                    break;
            }
        }
    }

    private static string ShortName(string? reference)
    {
        if (reference is null)
        {
            return string.Empty;
        }

        int colon = reference.IndexOf(':');
        if (colon == 1)
        {
            reference = reference.Substring(2);
        }

        int paren = reference.IndexOf('(');
        if (paren >= 0)
        {
            reference = reference.Substring(0, paren);
        }

        int dot = reference.LastIndexOf('.');
        return dot >= 0 && !reference.Contains("://") ? reference.Substring(dot + 1) : reference;
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
            }
            else
            {
                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }

                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string? FromSyntax(ISymbol symbol, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            SyntaxNode node = reference.GetSyntax(cancellationToken);
            var builder = new StringBuilder();
            foreach (SyntaxTrivia trivia in node.GetLeadingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
                {
                    foreach (string line in trivia.ToFullString().Split('\n'))
                    {
                        AppendDocLine(builder, line);
                    }
                }
                else if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
                {
                    AppendDocLine(builder, trivia.ToString());
                }
            }

            if (builder.Length > 0)
            {
                return "<member>" + builder + "</member>";
            }
        }

        return null;
    }

    private static void AppendDocLine(StringBuilder builder, string line)
    {
        string trimmed = line.TrimStart();
        if (trimmed.StartsWith("///", StringComparison.Ordinal) && !trimmed.StartsWith("////", StringComparison.Ordinal))
        {
            builder.Append(trimmed.Substring(3)).Append('\n');
        }
    }
}
