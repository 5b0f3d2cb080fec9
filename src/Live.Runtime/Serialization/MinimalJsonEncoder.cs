using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace Live.Serialization;

/// <summary>
/// A JSON encoder that escapes only what JSON requires (control characters, <c>"</c> and <c>\</c>) and writes every
/// other character, emoji included, as raw UTF-8 — as the official clients do (<c>JSON.stringify</c>). The built-in
/// <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> still escapes characters outside the BMP.
/// Frames are never embedded in HTML, so HTML-sensitive characters need no escaping.
/// </summary>
internal sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    public static readonly MinimalJsonEncoder Instance = new();

    private MinimalJsonEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => 12;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        if (text == null)
        {
            return -1;
        }

        for (int i = 0; i < textLength; i++)
        {
            char c = text[i];
            if (c < 0x20 || c == '"' || c == '\\')
            {
                return i;
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        int i = 0;
        while (i < utf8Text.Length)
        {
            byte b = utf8Text[i];
            if (b < 0x80)
            {
                if (b < 0x20 || b == (byte)'"' || b == (byte)'\\')
                {
                    return i;
                }

                i++;
                continue;
            }

            if (Rune.DecodeFromUtf8(utf8Text.Slice(i), out _, out int consumed) != OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        numberOfCharactersWritten = 0;
        if (buffer == null)
        {
            return false;
        }

        if (!WillEncode(unicodeScalar))
        {
            if (unicodeScalar < 0x10000)
            {
                if (bufferLength < 1)
                {
                    return false;
                }

                buffer[0] = (char)unicodeScalar;
                numberOfCharactersWritten = 1;
                return true;
            }

            if (bufferLength < 2)
            {
                return false;
            }

            int v = unicodeScalar - 0x10000;
            buffer[0] = (char)(0xD800 + (v >> 10));
            buffer[1] = (char)(0xDC00 + (v & 0x3FF));
            numberOfCharactersWritten = 2;
            return true;
        }

        char named = unicodeScalar switch
        {
            '"' => '"',
            '\\' => '\\',
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            '\b' => 'b',
            '\f' => 'f',
            _ => '\0',
        };

        if (named != '\0')
        {
            if (bufferLength < 2)
            {
                return false;
            }

            buffer[0] = '\\';
            buffer[1] = named;
            numberOfCharactersWritten = 2;
            return true;
        }

        if (bufferLength < 6)
        {
            return false;
        }

        const string Hex = "0123456789abcdef";
        buffer[0] = '\\';
        buffer[1] = 'u';
        buffer[2] = Hex[(unicodeScalar >> 12) & 0xF];
        buffer[3] = Hex[(unicodeScalar >> 8) & 0xF];
        buffer[4] = Hex[(unicodeScalar >> 4) & 0xF];
        buffer[5] = Hex[unicodeScalar & 0xF];
        numberOfCharactersWritten = 6;
        return true;
    }

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar == '"' || unicodeScalar == '\\' || (unicodeScalar >= 0xD800 && unicodeScalar <= 0xDFFF);
}
