using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Live.Tools.Generator.Parsing;

/// <summary>
/// A strict reader for the plain XML of a documentation comment (elements, attributes, text, the five named entities
/// and character references), building the same tree as <c>XElement.Parse(xml, LoadOptions.PreserveWhitespace)</c>.
/// Every tool's comment is read whenever the compilation changes, and an <c>XmlReader</c> costs about 12 KB per
/// comment; this costs the tree. Anything else (comments, CDATA, processing instructions, a DTD, namespaces, other
/// entities, ill-formed input) returns null, and the caller falls back to <c>XElement.Parse</c>, which decides.
/// </summary>
internal static class DocXml
{
    public static XElement? TryParse(string xml)
    {
        int position = SkipWhitespace(xml, 0);
        XElement? root = Element(xml, ref position, depth: 0);
        return root is not null && SkipWhitespace(xml, position) == xml.Length ? root : null;
    }

    private static XElement? Element(string xml, ref int position, int depth)
    {
        if (depth > 64 || position >= xml.Length || xml[position] != '<')
        {
            return null;
        }

        position++;
        string? name = Name(xml, ref position);
        if (name is null)
        {
            return null;
        }

        var element = new XElement(name);
        while (true)
        {
            int afterName = position;
            position = SkipWhitespace(xml, position);
            if (position >= xml.Length)
            {
                return null;
            }

            if (xml[position] == '/')
            {
                if (position + 1 >= xml.Length || xml[position + 1] != '>')
                {
                    return null;
                }

                position += 2;
                return element;
            }

            if (xml[position] == '>')
            {
                position++;
                break;
            }

            // An attribute needs whitespace before it; its value no tab or line break (XML turns those into spaces).
            if (position == afterName)
            {
                return null;
            }

            string? attributeName = Name(xml, ref position);
            position = SkipWhitespace(xml, position);
            if (attributeName is null || attributeName.StartsWith("xml", System.StringComparison.OrdinalIgnoreCase) || position >= xml.Length || xml[position] != '=')
            {
                return null;
            }

            position = SkipWhitespace(xml, position + 1);
            if (position >= xml.Length || (xml[position] != '"' && xml[position] != '\''))
            {
                return null;
            }

            char quote = xml[position++];
            int end = xml.IndexOf(quote, position);
            if (end < 0)
            {
                return null;
            }

            string? value = Text(xml, position, end, attribute: true);
            if (value is null || element.Attribute(attributeName) is not null)
            {
                return null;
            }

            element.Add(new XAttribute(attributeName, value));
            position = end + 1;
        }

        while (true)
        {
            int textEnd = xml.IndexOf('<', position);
            if (textEnd < 0)
            {
                return null;
            }

            if (textEnd > position)
            {
                string? text = Text(xml, position, textEnd, attribute: false);
                if (text is null)
                {
                    return null;
                }

                element.Add(new XText(text));
            }

            position = textEnd;
            if (position + 1 >= xml.Length)
            {
                return null;
            }

            char next = xml[position + 1];
            if (next == '/')
            {
                position += 2;
                string? closing = Name(xml, ref position);
                position = SkipWhitespace(xml, position);
                if (closing != name || position >= xml.Length || xml[position] != '>')
                {
                    return null;
                }

                position++;
                if (element.IsEmpty)
                {
                    element.Add(string.Empty);
                }

                return element;
            }

            if (next is '!' or '?')
            {
                return null;
            }

            XElement? child = Element(xml, ref position, depth + 1);
            if (child is null)
            {
                return null;
            }

            element.Add(child);
        }
    }

    /// <summary>A name of ASCII letters, digits, <c>_</c>, <c>-</c> and <c>.</c> (no namespace prefix).</summary>
    private static string? Name(string xml, ref int position)
    {
        int start = position;
        while (position < xml.Length)
        {
            char c = xml[position];
            bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            bool other = (c >= '0' && c <= '9') || c == '-' || c == '.';
            if (letter || (other && position > start))
            {
                position++;
            }
            else
            {
                break;
            }
        }

        return position > start ? xml.Substring(start, position - start) : null;
    }

    /// <summary>Text between markup with references expanded and line breaks normalized; null when not plain.</summary>
    private static string? Text(string xml, int start, int end, bool attribute)
    {
        StringBuilder? builder = null;
        for (int i = start; i < end; i++)
        {
            char c = xml[i];
            if (c == '&' || c == '\r' || (c < ' ' && c != '\n' && c != '\t') || c == '<' || (c == '>' && i >= 2 && xml[i - 1] == ']' && xml[i - 2] == ']'))
            {
                builder ??= new StringBuilder(end - start).Append(xml, start, i - start);
                if (c == '\r')
                {
                    if (attribute)
                    {
                        return null;
                    }

                    builder.Append('\n');
                    if (i + 1 < end && xml[i + 1] == '\n')
                    {
                        i++;
                    }

                    continue;
                }

                if (c != '&')
                {
                    return null;
                }

                int semicolon = xml.IndexOf(';', i + 1, System.Math.Min(12, end - i - 1));
                if (semicolon < 0 || Reference(xml.Substring(i + 1, semicolon - i - 1)) is not { } expanded)
                {
                    return null;
                }

                builder.Append(expanded);
                i = semicolon;
                continue;
            }

            if (c >= '\uD800')
            {
                if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(xml[i + 1]))
                {
                    builder?.Append(c).Append(xml[i + 1]);
                    i++;
                    continue;
                }

                if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                {
                    return null;
                }
            }

            if (attribute && (c == '\n' || c == '\t'))
            {
                return null;
            }

            builder?.Append(c);
        }

        return builder?.ToString() ?? xml.Substring(start, end - start);
    }

    private static string? Reference(string name)
    {
        switch (name)
        {
            case "lt": return "<";
            case "gt": return ">";
            case "amp": return "&";
            case "quot": return "\"";
            case "apos": return "'";
        }

        if (name.Length < 2 || name[0] != '#')
        {
            return null;
        }

        bool hex = name[1] == 'x';
        string digits = name.Substring(hex ? 2 : 1);
        if (digits.Length == 0
            || !int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out int code)
            || code is < 0x20 and not (0x9 or 0xA or 0xD) || code is >= 0xD800 and <= 0xDFFF || code is 0xFFFE or 0xFFFF || code > 0x10FFFF)
        {
            return null;
        }

        return char.ConvertFromUtf32(code);
    }

    private static int SkipWhitespace(string xml, int position)
    {
        while (position < xml.Length && xml[position] is ' ' or '\t' or '\n' or '\r')
        {
            position++;
        }

        return position;
    }
}
