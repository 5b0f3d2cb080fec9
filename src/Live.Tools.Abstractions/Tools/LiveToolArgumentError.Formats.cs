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

    /// <summary>Bytes (sent as base64) have the wrong count for <c>[MinLength]</c>, <c>[MaxLength]</c> or <c>[Length]</c>.</summary>
    /// <param name="count">The number of decoded bytes.</param>
    /// <param name="minimum">The fewest allowed, or null.</param>
    /// <param name="maximum">The most allowed, or null.</param>
    /// <returns>The error, with the reason code <c>wrong_length</c>.</returns>
    public static LiveToolArgumentError WrongByteCount(int count, long? minimum, long? maximum)
    {
        string range = minimum is { } min && maximum is { } max
            ? (min == max ? Show(min) : Show(min) + " to " + Show(max))
            : minimum is { } onlyMin ? "at least " + Show(onlyMin) : "at most " + Show(maximum ?? 0);
        return new LiveToolArgumentError("expected " + range + " bytes (base64-decoded); got " + Show(count) + " bytes")
            .With("wrong_length", retryHint: "Send " + range + " bytes, base64-encoded.");

        static string Show(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

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
