namespace Live.Tools;

/// <content>
/// The string forms DataAnnotations check (<c>[EmailAddress]</c>, <c>[Url]</c>, <c>[Phone]</c>, <c>[Base64String]</c>),
/// with the same rules as the attributes' <c>IsValid</c>, without reflection: generated dispatchers call them.
/// </content>
public static partial class LiveToolArgs
{
    private static readonly string[] s_extensionMarkers = ["ext.", "ext", "x"];

    /// <summary>Whether the string is an email address as <c>[EmailAddress]</c> checks it: one <c>@</c>, neither first nor last, no line break.</summary>
    /// <param name="value">The string.</param>
    /// <returns>Whether it passes.</returns>
    public static bool IsEmailAddress(string value)
    {
        if (value is null || value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
        {
            return false;
        }

        int at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at != value.Length - 1 && at == value.LastIndexOf('@');
    }

    /// <summary>Whether the string is a URL as <c>[Url]</c> checks it: it starts with <c>http://</c>, <c>https://</c> or <c>ftp://</c> (any case).</summary>
    /// <param name="value">The string.</param>
    /// <returns>Whether it passes.</returns>
    public static bool IsUrl(string value) =>
        value is not null
        && (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether the string is a phone number as <c>[Phone]</c> checks it: after the <c>+</c> signs and an extension
    /// (<c>ext. 12</c>, <c>ext 12</c>, <c>x12</c>) are set aside, at least one digit and only digits, white space and <c>-.()</c>.
    /// </summary>
    /// <param name="value">The string.</param>
    /// <returns>Whether it passes.</returns>
    public static bool IsPhoneNumber(string value)
    {
        if (value is null)
        {
            return false;
        }

        string text = WithoutExtension(value.Replace("+", string.Empty, StringComparison.Ordinal).TrimEnd());
        bool digit = false;
        foreach (char c in text)
        {
            if (char.IsDigit(c))
            {
                digit = true;
            }
            else if (!char.IsWhiteSpace(c) && c is not ('-' or '.' or '(' or ')'))
            {
                return false;
            }
        }

        return digit;
    }

    /// <summary>Whether the string is valid base64 (as <c>[Base64String]</c> checks it).</summary>
    /// <param name="value">The string.</param>
    /// <returns>Whether it passes.</returns>
    public static bool IsBase64(string value) => value is not null && System.Buffers.Text.Base64.IsValid(value);

    private static string WithoutExtension(string text)
    {
        foreach (string marker in s_extensionMarkers)
        {
            int index = text.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (index < 0)
            {
                continue;
            }

            ReadOnlySpan<char> rest = text.AsSpan(index + marker.Length).TrimStart();
            if (rest.Length > 0 && AllDigits(rest))
            {
                return text.Substring(0, index);
            }
        }

        return text;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
