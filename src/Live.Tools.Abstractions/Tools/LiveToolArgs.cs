using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Live.Tools;

/// <summary>
/// Reads the arguments of a <see cref="FunctionCall"/> for the generated dispatchers: each reader checks the JSON kind
/// and the range of the C# type, and on failure says what was expected and what came. Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class LiveToolArgs
{
    private static readonly JsonElement s_emptyObject = CreateEmptyObject();

    /// <summary>
    /// Gets the call's arguments as a JSON object. Absent or <c>null</c> args read as an empty object (a call without
    /// arguments); any other kind gives an error response.
    /// </summary>
    /// <param name="call">The call.</param>
    /// <param name="args">The arguments object.</param>
    /// <param name="error">The error response when the args are not an object.</param>
    /// <returns>Whether the args are usable.</returns>
    public static bool TryGetArgs(FunctionCall call, out JsonElement args, [NotNullWhen(false)] out FunctionResponse? error)
    {
        if (call is null)
        {
            throw new ArgumentNullException(nameof(call));
        }

        if (call.Args is { } value && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            if (value.ValueKind == JsonValueKind.Object)
            {
                args = value;
                error = null;
                return true;
            }

            args = default;
            error = FunctionResponse.FromError(call.Id, call.Name, ToolErrorText.ArgumentErrorOf(new LiveToolArgumentError("expected a JSON object; got " + LiveToolArgumentError.Describe(value)).InProperty("args")));
            error.IsArgumentError = true;
            return false;
        }

        args = s_emptyObject;
        error = null;
        return true;
    }

    /// <summary>Reads a string.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The string.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadString(JsonElement element, out string value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString()!;
            error = null;
            return true;
        }

        value = null!;
        error = LiveToolArgumentError.Expected("a string", element);
        return false;
    }

    /// <summary>Reads a single character (a string of length 1).</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The character.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadChar(JsonElement element, out char value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            string text = element.GetString()!;
            if (text.Length == 1)
            {
                value = text[0];
                error = null;
                return true;
            }
        }

        value = default;
        error = LiveToolArgumentError.Expected("a single character", element);
        return false;
    }

    /// <summary>Reads a boolean.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The boolean.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadBoolean(JsonElement element, out bool value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                value = true;
                error = null;
                return true;
            case JsonValueKind.False:
                value = false;
                error = null;
                return true;
            default:
                value = false;
                error = LiveToolArgumentError.Expected("true or false", element);
                return false;
        }
    }

    /// <summary>Reads an 8-bit unsigned integer.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadByte(JsonElement element, out byte value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        bool ok = TryReadInteger(element, byte.MinValue, byte.MaxValue, out long result, out error);
        value = (byte)result;
        return ok;
    }

    /// <summary>Reads an 8-bit signed integer.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadSByte(JsonElement element, out sbyte value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        bool ok = TryReadInteger(element, sbyte.MinValue, sbyte.MaxValue, out long result, out error);
        value = (sbyte)result;
        return ok;
    }

    /// <summary>Reads a 16-bit signed integer.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadInt16(JsonElement element, out short value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        bool ok = TryReadInteger(element, short.MinValue, short.MaxValue, out long result, out error);
        value = (short)result;
        return ok;
    }

    /// <summary>Reads a 16-bit unsigned integer.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadUInt16(JsonElement element, out ushort value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        bool ok = TryReadInteger(element, ushort.MinValue, ushort.MaxValue, out long result, out error);
        value = (ushort)result;
        return ok;
    }

    /// <summary>Reads a 32-bit signed integer; <c>3.0</c> reads as 3, <c>3.5</c> is an error.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadInt32(JsonElement element, out int value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value))
        {
            error = null;
            return true;
        }

        bool ok = TryReadInteger(element, int.MinValue, int.MaxValue, out long result, out error);
        value = (int)result;
        return ok;
    }

    /// <summary>Reads a 32-bit unsigned integer.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadUInt32(JsonElement element, out uint value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        bool ok = TryReadInteger(element, uint.MinValue, uint.MaxValue, out long result, out error);
        value = (uint)result;
        return ok;
    }

    /// <summary>Reads a 64-bit signed integer.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadInt64(JsonElement element, out long value, [NotNullWhen(false)] out LiveToolArgumentError? error) =>
        TryReadInteger(element, long.MinValue, long.MaxValue, out value, out error);

    /// <summary>Reads a 64-bit unsigned integer.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadUInt64(JsonElement element, out ulong value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (element.TryGetUInt64(out value))
            {
                error = null;
                return true;
            }

            if (element.TryGetDouble(out double number) && IsIntegral(number))
            {
                if (number >= 0 && number < 18446744073709551616.0)
                {
                    value = (ulong)number;
                    error = null;
                    return true;
                }

                error = IntegerOutOfRange(element, "0", "18446744073709551615");
                return false;
            }
        }

        value = 0;
        error = LiveToolArgumentError.Expected("an integer", element);
        return false;
    }

    /// <summary>Reads a native-sized signed integer.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadIntPtr(JsonElement element, out nint value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        bool ok = TryReadInteger(element, nint.MinValue, nint.MaxValue, out long result, out error);
        value = (nint)result;
        return ok;
    }

    /// <summary>Reads a native-sized unsigned integer.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadUIntPtr(JsonElement element, out nuint value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        bool ok = TryReadUInt64(element, out ulong result, out error);
        if (ok && result > nuint.MaxValue)
        {
            error = IntegerOutOfRange(element, "0", nuint.MaxValue.ToString(CultureInfo.InvariantCulture));
            ok = false;
        }

        value = (nuint)result;
        return ok;
    }

    /// <summary>Reads a single-precision number.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadSingle(JsonElement element, out float value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetSingle(out value) && float.IsFinite(value))
        {
            error = null;
            return true;
        }

        value = 0;
        error = element.ValueKind == JsonValueKind.Number
            ? LiveToolArgumentError.OutOfRange(element.GetRawText(), float.MinValue, float.MaxValue, integer: false)
            : LiveToolArgumentError.Expected("a number", element);
        return false;
    }

    /// <summary>Reads a double-precision number.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadDouble(JsonElement element, out double value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value))
        {
            error = null;
            return true;
        }

        value = 0;
        error = element.ValueKind == JsonValueKind.Number
            ? LiveToolArgumentError.OutOfRange(element.GetRawText(), double.MinValue, double.MaxValue, integer: false)
            : LiveToolArgumentError.Expected("a number", element);
        return false;
    }

    /// <summary>Reads a decimal number.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The number.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadDecimal(JsonElement element, out decimal value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out value))
        {
            error = null;
            return true;
        }

        value = 0;
        error = element.ValueKind == JsonValueKind.Number
            ? LiveToolArgumentError.OutOfRange(element.GetRawText(), (double)decimal.MinValue, (double)decimal.MaxValue, integer: false)
            : LiveToolArgumentError.Expected("a number", element);
        return false;
    }

    /// <summary>Reads an ISO 8601 date and time.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The date and time.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadDateTime(JsonElement element, out DateTime value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.String && element.TryGetDateTime(out value))
        {
            error = null;
            return true;
        }

        value = default;
        error = LiveToolArgumentError.Expected("an ISO 8601 date-time string", element);
        return false;
    }

    /// <summary>Reads an ISO 8601 date and time with offset.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The date and time.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadDateTimeOffset(JsonElement element, out DateTimeOffset value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.String && element.TryGetDateTimeOffset(out value))
        {
            error = null;
            return true;
        }

        value = default;
        error = LiveToolArgumentError.Expected("an ISO 8601 date-time string", element);
        return false;
    }

    /// <summary>Reads a date written <c>yyyy-MM-dd</c>.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The date.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadDateOnly(JsonElement element, out DateOnly value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(element.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            error = null;
            return true;
        }

        value = default;
        error = LiveToolArgumentError.Expected("a date (yyyy-MM-dd)", element);
        return false;
    }

    /// <summary>Reads a time of day written <c>HH:mm:ss[.fffffff]</c> or <c>HH:mm</c>.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The time.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadTimeOnly(JsonElement element, out TimeOnly value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(element.GetString(), s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            error = null;
            return true;
        }

        value = default;
        error = LiveToolArgumentError.Expected("a time (HH:mm:ss)", element);
        return false;
    }

    private static readonly string[] s_timeFormats = ["HH:mm:ss.FFFFFFF", "HH:mm:ss", "HH:mm"];

    /// <summary>Reads a duration written in the invariant <c>c</c> format, <c>[-][d.]hh:mm:ss[.fffffff]</c>.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The duration.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadTimeSpan(JsonElement element, out TimeSpan value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.String
            && TimeSpan.TryParseExact(element.GetString(), "c", CultureInfo.InvariantCulture, out value))
        {
            error = null;
            return true;
        }

        value = default;
        error = LiveToolArgumentError.Expected("a duration ([-][d.]hh:mm:ss[.fffffff])", element);
        return false;
    }

    /// <summary>Reads a UUID.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The UUID.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadGuid(JsonElement element, out Guid value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.String && element.TryGetGuid(out value))
        {
            error = null;
            return true;
        }

        value = default;
        error = LiveToolArgumentError.Expected("a UUID", element);
        return false;
    }

    /// <summary>Reads an absolute URI.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The URI.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it was read.</returns>
    public static bool TryReadUri(JsonElement element, out Uri value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.String && Uri.TryCreate(element.GetString(), UriKind.Absolute, out Uri? uri))
        {
            value = uri;
            error = null;
            return true;
        }

        value = null!;
        error = LiveToolArgumentError.Expected("an absolute URI", element);
        return false;
    }

    /// <summary>Takes any JSON value (a copy that outlives the call's document).</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="value">The copy.</param>
    /// <param name="error">Always null.</param>
    /// <returns>Always true.</returns>
    public static bool TryReadJsonElement(JsonElement element, out JsonElement value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        value = element.Clone();
        error = null;
        return true;
    }

    /// <summary>Checks that the value is a JSON array.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it is an array.</returns>
    public static bool IsArray(JsonElement element, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            error = null;
            return true;
        }

        error = LiveToolArgumentError.Expected("an array", element);
        return false;
    }

    /// <summary>Checks that the value is a JSON object.</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="error">What was wrong.</param>
    /// <returns>Whether it is an object.</returns>
    public static bool IsObject(JsonElement element, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            error = null;
            return true;
        }

        error = LiveToolArgumentError.Expected("an object", element);
        return false;
    }

    /// <summary>Finds a string among allowed values ignoring ASCII case (after an exact match failed).</summary>
    /// <param name="element">The JSON value.</param>
    /// <param name="names">The allowed values.</param>
    /// <returns>The index of the match, or -1.</returns>
    public static int IndexOfIgnoreCase(JsonElement element, string[] names)
    {
        if (element.ValueKind != JsonValueKind.String || names is null)
        {
            return -1;
        }

        string text = element.GetString()!;
        for (int i = 0; i < names.Length; i++)
        {
            if (string.Equals(text, names[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether the whole string matches the regular expression (as <c>[RegularExpression]</c> checks it); a timeout counts as no match.</summary>
    /// <param name="regex">The expression.</param>
    /// <param name="value">The string.</param>
    /// <returns>Whether it matches entirely.</returns>
    public static bool MatchesEntirely(System.Text.RegularExpressions.Regex regex, string value)
    {
        ArgumentNullException.ThrowIfNull(regex);
        if (value is null)
        {
            return false;
        }

        try
        {
            System.Text.RegularExpressions.Match match = regex.Match(value);
            return match.Success && match.Index == 0 && match.Length == value.Length;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool TryReadInteger(JsonElement element, long minimum, long maximum, out long value, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            if (element.TryGetInt64(out value))
            {
                if (value >= minimum && value <= maximum)
                {
                    error = null;
                    return true;
                }

                error = IntegerOutOfRange(element, minimum.ToString(CultureInfo.InvariantCulture), maximum.ToString(CultureInfo.InvariantCulture));
                return false;
            }

            if (element.TryGetDouble(out double number) && IsIntegral(number))
            {
                if (number >= minimum && number <= maximum && number < 9223372036854775808.0)
                {
                    value = (long)number;
                    error = null;
                    return true;
                }

                value = 0;
                error = IntegerOutOfRange(element, minimum.ToString(CultureInfo.InvariantCulture), maximum.ToString(CultureInfo.InvariantCulture));
                return false;
            }
        }

        value = 0;
        error = LiveToolArgumentError.Expected("an integer", element);
        return false;
    }

    private static LiveToolArgumentError IntegerOutOfRange(JsonElement element, string minimum, string maximum) =>
        new("expected an integer from " + minimum + " to " + maximum + "; got " + element.GetRawText());

    private static bool IsIntegral(double number) => double.IsFinite(number) && Math.Floor(number) == number;

    private static JsonElement CreateEmptyObject()
    {
        using JsonDocument document = JsonDocument.Parse("{}");
        return document.RootElement.Clone();
    }
}
