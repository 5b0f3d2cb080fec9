using System.Text;

namespace Live.Testing;

/// <summary>Conversions between the lowerCamelCase JSON names and the snake_case proto names of the Live API.</summary>
internal static class ProtocolNames
{
    /// <summary>Converts <c>generationConfig</c> to <c>generation_config</c>.</summary>
    public static string ToSnakeCase(string camelCase)
    {
        var builder = new StringBuilder(camelCase.Length + 8);
        foreach (char c in camelCase)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Converts <c>generation_config</c> to <c>generationConfig</c>; a camelCase name is returned unchanged.</summary>
    public static string ToCamelCase(string name)
    {
        if (!name.Contains('_', StringComparison.Ordinal))
        {
            return name;
        }

        var builder = new StringBuilder(name.Length);
        bool upper = false;
        foreach (char c in name)
        {
            if (c == '_')
            {
                upper = builder.Length > 0;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }
}
