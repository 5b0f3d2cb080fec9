namespace Live.Testing;

/// <summary>
/// Base64 as the service takes it (protocol reference §8): the standard or the URL-safe alphabet, with or without
/// padding.
/// </summary>
internal static class Base64Text
{
    /// <summary>Whether the text is base64 in either alphabet.</summary>
    public static bool IsValid(string text) => TryDecode(text, out _);

    /// <summary>Decodes base64 in either alphabet, padded or not.</summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        int length = text.Length;
        while (length > 0 && text[length - 1] == '=')
        {
            length--;
        }

        if (text.Length - length > 2 || length % 4 == 1)
        {
            return false;
        }

        var chars = new char[length + ((4 - (length % 4)) % 4)];
        for (int i = 0; i < length; i++)
        {
            char c = text[i];
            chars[i] = c switch
            {
                '-' => '+',
                '_' => '/',
                _ when char.IsAsciiLetterOrDigit(c) || c is '+' or '/' => c,
                _ => '\0',
            };
            if (chars[i] == '\0')
            {
                return false;
            }
        }

        for (int i = length; i < chars.Length; i++)
        {
            chars[i] = '=';
        }

        try
        {
            bytes = Convert.FromBase64CharArray(chars, 0, chars.Length);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
