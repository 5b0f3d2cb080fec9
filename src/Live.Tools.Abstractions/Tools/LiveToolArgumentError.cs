using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Live.Tools;

/// <summary>
/// What was wrong with one argument of a call: where it sits (<c>request.items[2].count</c>), what was expected and
/// what came. Generated dispatchers build it on the failure path only and send <see cref="ToString"/> as the error.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class LiveToolArgumentError
{
    private const int MaxShownLength = 80;
    private string _path = string.Empty;

    /// <summary>Creates an error without a path yet.</summary>
    /// <param name="message">What was expected and what came, for example <c>expected an integer; got 3.5</c>.</param>
    public LiveToolArgumentError(string message)
    {
        Message = message ?? throw new ArgumentNullException(nameof(message));
    }

    /// <summary>What was expected and what came.</summary>
    public string Message { get; }

    /// <summary>
    /// A short machine-readable code of what was wrong (<c>missing_parameter</c>, <c>wrong_type</c>, <c>not_one_of</c>,
    /// <c>out_of_range</c>, <c>wrong_length</c>, <c>pattern_mismatch</c>, <c>empty_string</c>, <c>invalid_format</c>, <c>denied_value</c>), sent as <c>reason_code</c>.
    /// </summary>
    public string ReasonCode { get; private set; } = "invalid_argument";

    /// <summary>The values the argument may take, when they are few and known (an enum's names), sent as <c>valid_options</c>.</summary>
    public IReadOnlyList<string>? ValidOptions { get; private set; }

    /// <summary>What a corrected call should send, when it can be said (a range), sent as <c>retry_hint</c>.</summary>
    public string? RetryHint { get; private set; }

    private LiveToolArgumentError With(string reasonCode, IReadOnlyList<string>? validOptions = null, string? retryHint = null)
    {
        ReasonCode = reasonCode;
        ValidOptions = validOptions;
        RetryHint = retryHint;
        return this;
    }

    /// <summary>Where the bad value sits, for example <c>request.items[2].count</c>; empty at the top.</summary>
    public string Path => _path;

    /// <summary>Puts the error inside a property (or parameter) of the given JSON name.</summary>
    /// <param name="name">The JSON name.</param>
    /// <returns>This error.</returns>
    public LiveToolArgumentError InProperty(string name)
    {
        _path = _path.Length == 0 ? name : _path[0] == '[' ? name + _path : name + "." + _path;
        return this;
    }

    /// <summary>Puts the error inside an array element.</summary>
    /// <param name="index">The element's index.</param>
    /// <returns>This error.</returns>
    public LiveToolArgumentError InItem(int index)
    {
        string segment = "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
        _path = _path.Length == 0 || _path[0] == '[' ? segment + _path : segment + "." + _path;
        return this;
    }

    /// <summary>Puts the error inside the value of a dictionary key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>This error.</returns>
    public LiveToolArgumentError InKey(string key)
    {
        string segment = "[" + JsonSerializerQuote(key) + "]";
        _path = _path.Length == 0 || _path[0] == '[' ? segment + _path : segment + "." + _path;
        return this;
    }

    /// <summary>The error as the model reads it: <c>path: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _path.Length == 0 ? Message : _path + ": " + Message;

    /// <summary>A required parameter is missing.</summary>
    /// <param name="name">The parameter's JSON name.</param>
    /// <returns>The error.</returns>
    public static LiveToolArgumentError MissingParameter(string name) =>
        new LiveToolArgumentError("required parameter is missing").With("missing_parameter").InProperty(name);

    /// <summary>A required property of an object is missing.</summary>
    /// <param name="name">The property's JSON name.</param>
    /// <returns>The error.</returns>
    public static LiveToolArgumentError MissingProperty(string name) =>
        new LiveToolArgumentError("required property is missing").With("missing_property").InProperty(name);

    /// <summary>The value has the wrong JSON kind or form.</summary>
    /// <param name="expected">What was expected, for example <c>a string</c>.</param>
    /// <param name="actual">What came.</param>
    /// <returns>The error.</returns>
    public static LiveToolArgumentError Expected(string expected, JsonElement actual) =>
        new LiveToolArgumentError("expected " + expected + "; got " + Describe(actual)).With("wrong_type");

    /// <summary>A string is not one of the allowed values.</summary>
    /// <param name="allowed">The allowed values.</param>
    /// <param name="actual">What came.</param>
    /// <returns>The error.</returns>
    public static LiveToolArgumentError NotOneOf(string[] allowed, JsonElement actual)
    {
        var builder = new StringBuilder("expected one of ");
        for (int i = 0; i < allowed.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(JsonSerializerQuote(allowed[i]));
        }

        return new LiveToolArgumentError(builder.Append("; got ").Append(Describe(actual)).ToString()).With("not_one_of", Array.AsReadOnly((string[])allowed.Clone()));
    }

    /// <summary>A number is outside its allowed range.</summary>
    /// <param name="value">The value.</param>
    /// <param name="minimum">The lower bound, or null.</param>
    /// <param name="maximum">The upper bound, or null.</param>
    /// <param name="integer">Whether an integer is expected.</param>
    /// <param name="minimumIsExclusive">Whether the lower bound is excluded.</param>
    /// <param name="maximumIsExclusive">Whether the upper bound is excluded.</param>
    /// <returns>The error.</returns>
    public static LiveToolArgumentError OutOfRange(double value, double? minimum, double? maximum, bool integer, bool minimumIsExclusive = false, bool maximumIsExclusive = false) =>
        OutOfRange(Format(value), minimum, maximum, integer, minimumIsExclusive, maximumIsExclusive);

    /// <summary>A number is outside its allowed range (the value as it came, in JSON).</summary>
    /// <param name="actual">The value as the JSON carried it.</param>
    /// <param name="minimum">The lower bound, or null.</param>
    /// <param name="maximum">The upper bound, or null.</param>
    /// <param name="integer">Whether an integer is expected.</param>
    /// <param name="minimumIsExclusive">Whether the lower bound is excluded.</param>
    /// <param name="maximumIsExclusive">Whether the upper bound is excluded.</param>
    /// <returns>The error.</returns>
    public static LiveToolArgumentError OutOfRange(string actual, double? minimum, double? maximum, bool integer, bool minimumIsExclusive = false, bool maximumIsExclusive = false)
    {
        string what = integer ? "an integer" : "a number";
        string range;
        if (minimum is { } min && maximum is { } max)
        {
            range = !minimumIsExclusive && !maximumIsExclusive
                ? "from " + Format(min) + " to " + Format(max)
                : Lower(min, minimumIsExclusive) + " and " + Upper(max, maximumIsExclusive);
        }
        else if (minimum is { } onlyMin)
        {
            range = Lower(onlyMin, minimumIsExclusive);
        }
        else if (maximum is { } onlyMax)
        {
            range = Upper(onlyMax, maximumIsExclusive);
        }
        else
        {
            range = "in range";
        }

        return new LiveToolArgumentError("expected " + what + " " + range + "; got " + actual).With("out_of_range", retryHint: "Send " + what + " " + range + ".");

        static string Lower(double bound, bool exclusive) => (exclusive ? "greater than " : "at least ") + Format(bound);
        static string Upper(double bound, bool exclusive) => (exclusive ? "less than " : "at most ") + Format(bound);
    }

    /// <summary>A string or array has the wrong length.</summary>
    /// <param name="length">The actual length (characters or items).</param>
    /// <param name="minimum">The fewest allowed, or null.</param>
    /// <param name="maximum">The most allowed, or null.</param>
    /// <param name="items">True for an array (items), false for a string (characters).</param>
    /// <returns>The error.</returns>
    public static LiveToolArgumentError WrongLength(int length, long? minimum, long? maximum, bool items)
    {
        string unit = items ? "items" : "characters";
        string prefix = items ? "expected " : "expected a string of ";
        string range;
        if (minimum is { } min && maximum is { } max)
        {
            range = min == max ? min.ToString(CultureInfo.InvariantCulture) : min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture);
        }
        else if (minimum is { } onlyMin)
        {
            range = "at least " + onlyMin.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            range = "at most " + (maximum ?? 0).ToString(CultureInfo.InvariantCulture);
        }

        return new LiveToolArgumentError(prefix + range + " " + unit + "; got " + length.ToString(CultureInfo.InvariantCulture) + " " + unit)
            .With("wrong_length", retryHint: "Send " + range + " " + unit + ".");
    }

    /// <summary>A string does not match its pattern.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="actual">The string.</param>
    /// <returns>The error.</returns>
    public static LiveToolArgumentError PatternMismatch(string pattern, string actual) =>
        new LiveToolArgumentError("expected a string matching the pattern " + pattern + "; got " + Shorten(JsonSerializerQuote(actual))).With("pattern_mismatch");

    /// <summary>A required string is empty or white space.</summary>
    /// <param name="actual">The string.</param>
    /// <returns>The error.</returns>
    public static LiveToolArgumentError EmptyString(string? actual) =>
        new LiveToolArgumentError("expected a non-empty string; got " + Shorten(JsonSerializerQuote(actual ?? string.Empty))).With("empty_string");

    /// <summary>Shows a JSON value briefly, as an error message quotes it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>For example <c>"kelvin"</c>, <c>3.5</c>, <c>null</c>, <c>an object</c>.</returns>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Shorten(JsonSerializerQuote(value.GetString() ?? string.Empty)),
        JsonValueKind.Number => Shorten(value.GetRawText()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "nothing",
    };

    private static string Shorten(string text) =>
        text.Length <= MaxShownLength ? text : text.Substring(0, MaxShownLength) + "…";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string JsonSerializerQuote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
