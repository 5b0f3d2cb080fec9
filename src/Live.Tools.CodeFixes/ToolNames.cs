using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using Live.Tools.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Live.Tools.CodeFixes;

/// <summary>Tool names as the generator derives them, valid names made from invalid ones, and the <c>[LiveTool]</c> attribute in syntax.</summary>
internal static class ToolNames
{
    public const string LiveToolAttributeName = "Live.Tools.LiveToolAttribute";

    private const int MaxLength = 128;

    /// <summary>Whether a method carries <c>[LiveTool]</c>.</summary>
    public static bool IsTool(IMethodSymbol method) => Attribute(method) is not null;

    /// <summary>The tool name of a method: the attribute's, else the method name without <c>Async</c>, in snake_case.</summary>
    public static string? NameOf(IMethodSymbol method)
    {
        AttributeData? attribute = Attribute(method);
        if (attribute is null)
        {
            return null;
        }

        return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string explicitName
            ? explicitName
            : Naming.ToolName(method.Name);
    }

    /// <summary>The tool name of each <c>[LiveTool]</c> method of <paramref name="type"/>.</summary>
    public static Dictionary<IMethodSymbol, string> NamesInType(INamedTypeSymbol type)
    {
        var names = new Dictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default);
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IMethodSymbol method && NameOf(method) is { } name)
            {
                names[method] = name;
            }
        }

        return names;
    }

    /// <summary>
    /// A name that satisfies Gemini's rule, made from any text: letters lose their accents, everything else that is not
    /// allowed becomes <c>_</c>, a leading digit gets a <c>_</c> before it (<c>get weather</c> → <c>get_weather</c>,
    /// <c>Größe</c> → <c>grosse</c>, <c>9lives</c> → <c>_9lives</c>).
    /// </summary>
    public static string MakeValid(string text)
    {
        string decomposed = text.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            plain.Append(c == 'ß' ? "ss" : c.ToString());
        }

        string snake = Naming.ToSnakeCase(plain.ToString());
        var builder = new StringBuilder(snake.Length);
        foreach (char c in snake)
        {
            bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c is '_' or '.' or ':' or '-';
            if (allowed)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != '_')
            {
                builder.Append('_');
            }
        }

        string name = builder.ToString();
        if (name.Length > 1 && name.EndsWith("_", System.StringComparison.Ordinal) && !snake.EndsWith("_", System.StringComparison.Ordinal))
        {
            name = name.TrimEnd('_');
        }

        if (name.Length == 0)
        {
            name = "tool";
        }
        else if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z') || name[0] == '_'))
        {
            name = "_" + name;
        }

        return name.Length > MaxLength ? name.Substring(0, MaxLength) : name;
    }

    /// <summary>
    /// A free name for <paramref name="method"/> that tells the model what sets it apart, <paramref name="name"/> when no
    /// other tool has it. Tried in order: the name derived from the method's own name (<c>[LiveTool("find")] Search()</c> →
    /// <c>search</c>); the name with the parameters that distinguish it from the tools it collides with
    /// (<c>Find(string email)</c> next to <c>Find(int id)</c> → <c>find_by_email</c>); the name with its parameter types
    /// when the parameter names are the same (<c>Add(long a)</c> next to <c>Add(int a)</c> → <c>add_long</c>); and only
    /// for tools nothing sets apart, <c>name_2</c>, <c>name_3</c>, ….
    /// </summary>
    public static string Distinct(IMethodSymbol method, string name, IReadOnlyDictionary<IMethodSymbol, string> toolsInType, ICollection<string> taken)
    {
        if (!taken.Contains(name))
        {
            return name;
        }

        var candidates = new List<string>();
        string own = Naming.ToolName(method.Name);
        if (own != name)
        {
            candidates.Add(own);
        }

        List<IParameterSymbol> parameters = JsonParameters(method);
        if (parameters.Count > 0)
        {
            var others = new List<IMethodSymbol>();
            foreach (KeyValuePair<IMethodSymbol, string> pair in toolsInType)
            {
                if (pair.Value == name && !SymbolEqualityComparer.Default.Equals(pair.Key, method))
                {
                    others.Add(pair.Key);
                }
            }

            var theirNames = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (IMethodSymbol other in others)
            {
                foreach (IParameterSymbol parameter in JsonParameters(other))
                {
                    theirNames.Add(parameter.Name);
                }
            }

            var distinguishing = new List<string>();
            foreach (IParameterSymbol parameter in parameters)
            {
                if (!theirNames.Contains(parameter.Name))
                {
                    distinguishing.Add(Naming.ToSnakeCase(parameter.Name));
                }
            }

            if (distinguishing.Count > 0)
            {
                candidates.Add(name + "_by_" + string.Join("_and_", distinguishing));
            }

            var types = new List<string>();
            foreach (IParameterSymbol parameter in parameters)
            {
                types.Add(Naming.ToSnakeCase(parameter.Type.Name));
            }

            candidates.Add(name + "_" + string.Join("_", types));
        }

        foreach (string candidate in candidates)
        {
            string valid = MakeValid(candidate);
            if (!taken.Contains(valid))
            {
                return valid;
            }
        }

        return Unique(name, taken);
    }

    /// <summary>The parameters the model fills (not the ones the dispatcher binds).</summary>
    private static List<IParameterSymbol> JsonParameters(IMethodSymbol method)
    {
        var result = new List<IParameterSymbol>();
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            string type = parameter.Type.ToDisplayString();
            if (type is "System.Threading.CancellationToken" or "Live.Tools.LiveToolContext" or "System.IServiceProvider")
            {
                continue;
            }

            result.Add(parameter);
        }

        return result;
    }

    /// <summary><paramref name="name"/> if no other tool has it, else the first free <c>name_2</c>, <c>name_3</c>, ….</summary>
    public static string Unique(string name, ICollection<string> taken)
    {
        if (!taken.Contains(name))
        {
            return name;
        }

        for (int n = 2; ; n++)
        {
            string suffix = "_" + n.ToString(CultureInfo.InvariantCulture);
            string stem = name.Length + suffix.Length > MaxLength ? name.Substring(0, MaxLength - suffix.Length) : name;
            string candidate = stem + suffix;
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The <c>[LiveTool]</c> attribute of a method declaration, found through the semantic model.</summary>
    public static AttributeSyntax? FindAttribute(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (AttributeListSyntax list in method.AttributeLists)
        {
            foreach (AttributeSyntax attribute in list.Attributes)
            {
                if (model.GetSymbolInfo(attribute, cancellationToken).Symbol is IMethodSymbol constructor
                    && constructor.ContainingType.ToDisplayString() == LiveToolAttributeName)
                {
                    return attribute;
                }
            }
        }

        return null;
    }

    /// <summary>The attribute with <paramref name="name"/> as its name argument: replaced when there is one, else added first.</summary>
    public static AttributeSyntax WithName(AttributeSyntax attribute, string name)
    {
        LiteralExpressionSyntax literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name));
        AttributeArgumentListSyntax? list = attribute.ArgumentList;
        if (list is { Arguments.Count: > 0 } && list.Arguments[0] is { NameEquals: null } first
            && (first.NameColon is null || first.NameColon.Name.Identifier.ValueText == "name"))
        {
            return attribute.ReplaceNode(first.Expression, literal.WithTriviaFrom(first.Expression));
        }

        AttributeArgumentSyntax argument = SyntaxFactory.AttributeArgument(literal);
        if (list is null || list.Arguments.Count == 0)
        {
            return attribute.WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(argument)));
        }

        var items = new List<SyntaxNodeOrToken> { argument, SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space) };
        items.AddRange(list.Arguments.GetWithSeparators());
        return attribute.WithArgumentList(list.WithArguments(SyntaxFactory.SeparatedList<AttributeArgumentSyntax>(items)));
    }

    private static AttributeData? Attribute(IMethodSymbol method)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == LiveToolAttributeName)
            {
                return attribute;
            }
        }

        return null;
    }
}
