using System.Text;

namespace Live.Testing;

/// <summary>Close reasons in the style of the service, fitted into the 123 bytes a WebSocket close frame allows.</summary>
internal static class CloseReasons
{
    /// <summary>The most UTF-8 bytes a close reason may have (RFC 6455 §5.5: 125-byte control payload, 2 for the code).</summary>
    public const int MaxBytes = 123;

    public const string InvalidApiKey = "API key not valid. Please pass a valid API key.";

    public const string MissingApiKey =
        "Method doesn't allow unregistered callers. Please use an API key or other form of API consumer identity.";

    /// <summary>Cuts a reason to <see cref="MaxBytes"/> UTF-8 bytes, ending with an ellipsis when cut.</summary>
    public static string Fit(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxBytes)
        {
            return reason;
        }

        const string ellipsis = "…";
        int budget = MaxBytes - Encoding.UTF8.GetByteCount(ellipsis);
        var builder = new StringBuilder();
        int used = 0;
        foreach (Rune rune in reason.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget)
            {
                break;
            }

            builder.Append(rune.ToString());
            used += rune.Utf8SequenceLength;
        }

        return builder.Append(ellipsis).ToString();
    }

    /// <summary>
    /// Builds <c>before + path + after</c>; when that is too long, the start of the path gives way first (the end of a
    /// path names the field), then the whole is cut.
    /// </summary>
    public static string WithPath(string before, string path, string after)
    {
        string full = before + path + after;
        int excess = Encoding.UTF8.GetByteCount(full) - MaxBytes;
        if (excess <= 0)
        {
            return full;
        }

        const string ellipsis = "…";
        int cut = excess + Encoding.UTF8.GetByteCount(ellipsis);
        if (cut < path.Length)
        {
            string shortened = before + ellipsis + path[cut..] + after;
            if (Encoding.UTF8.GetByteCount(shortened) <= MaxBytes)
            {
                return shortened;
            }
        }

        return Fit(full);
    }

    /// <summary>A short rendering of a JSON value for a reason: strings quoted, long values cut.</summary>
    public static string Show(string rawJson)
    {
        const int max = 24;
        return rawJson.Length <= max ? rawJson : string.Concat(rawJson.AsSpan(0, max), "…");
    }
}
