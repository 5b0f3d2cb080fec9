using System.Text;

namespace Live.Tools;

/// <content>The errors of the string-form DataAnnotations.</content>
public sealed partial class LiveToolArgumentError
{
    /// <summary>A string does not have the form its annotation asks for (<c>[EmailAddress]</c>, <c>[Url]</c>, <c>[Phone]</c>, <c>[Base64String]</c>, a number).</summary>
    /// <param name="expected">What was expected, for example <c>an email address</c>.</param>
    /// <param name="actual">The string.</param>
    /// <returns>The error, with the reason code <c>invalid_format</c>.</returns>
    public static LiveToolArgumentError InvalidFormat(string expected, string actual) =>
        new LiveToolArgumentError("expected " + expected + "; got " + Shorten(JsonSerializerQuote(actual ?? string.Empty))).With("invalid_format", retryHint: "Send " + expected + ".");

    /// <summary>A string is one of the values <c>[DeniedValues]</c> refuses.</summary>
    /// <param name="denied">The refused values.</param>
    /// <param name="actual">The string.</param>
    /// <returns>The error, with the reason code <c>denied_value</c>.</returns>
    public static LiveToolArgumentError DeniedValue(string[] denied, string actual)
    {
        ArgumentNullException.ThrowIfNull(denied);
        var builder = new StringBuilder("expected none of ");
        for (int i = 0; i < denied.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(JsonSerializerQuote(denied[i]));
        }

        return new LiveToolArgumentError(builder.Append("; got ").Append(Shorten(JsonSerializerQuote(actual ?? string.Empty))).ToString()).With("denied_value");
    }
}
