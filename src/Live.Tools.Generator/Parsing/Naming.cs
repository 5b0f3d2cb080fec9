using System.Text;

namespace Live.Tools.Generator.Parsing;

/// <summary>Name conversions and Gemini's naming rules.</summary>
internal static class Naming
{
    /// <summary>The function name derived from a method name: without a trailing <c>Async</c>, in snake_case.</summary>
    public static string ToolName(string methodName)
    {
        string name = methodName.Length > 5 && methodName.EndsWith("Async", System.StringComparison.Ordinal)
            ? methodName.Substring(0, methodName.Length - 5)
            : methodName;
        return ToSnakeCase(name);
    }

    /// <summary>
    /// Converts a C# name to snake_case: <c>GetWeather</c> → <c>get_weather</c>, <c>includeHourly</c> →
    /// <c>include_hourly</c>, <c>HTTPStatus</c> → <c>http_status</c>, <c>V2Data</c> → <c>v2_data</c>.
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        if (name.Length > 0 && name[0] == '@')
        {
            name = name.Substring(1);
        }

        var builder = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && builder.Length > 0 && builder[builder.Length - 1] != '_')
                {
                    char previous = name[i - 1];
                    bool nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                    {
                        builder.Append('_');
                    }
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Gemini's function name rule: starts with a letter or <c>_</c>; only <c>a-z A-Z 0-9 _ . : -</c>; at most 128 characters.</summary>
    public static bool IsValidToolName(string? name)
    {
        if (name is null || name.Length == 0 || name.Length > 128 || !(IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Gemini's parameter name rule: starts with a letter or <c>_</c>; only <c>a-z A-Z 0-9 _</c>; at most 64 characters.</summary>
    public static bool IsValidParameterName(string? name)
    {
        if (name is null || name.Length == 0 || name.Length > 64 || !(IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
