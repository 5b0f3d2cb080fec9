using System.Globalization;
using System.Text.Json;

namespace Live.Testing;

/// <summary>
/// Validates client frames the way the Live API's proto3 JSON parser does: unknown fields, wrong value types,
/// bad enum names and bad base64 are rejected with a close reason naming the field (the service closes with 1007).
/// </summary>
internal static class ClientMessageValidator
{
    private const int MaxDepth = 64;

    /// <summary>The top-level message keys (camelCase) and their specs.</summary>
    private static readonly Dictionary<string, MessageSpec> s_messages = new(StringComparer.Ordinal)
    {
        ["setup"] = ProtocolSchema.Setup,
        ["clientContent"] = ProtocolSchema.ClientContent,
        ["realtimeInput"] = ProtocolSchema.RealtimeInput,
        ["toolResponse"] = ProtocolSchema.ToolResponse,
        ["contextUpdate"] = ProtocolSchema.ContextUpdate,
    };

    /// <summary>
    /// Finds the message key of a client frame. Returns a close reason when the frame is not one JSON object with
    /// exactly one known message key.
    /// </summary>
    /// <param name="root">The parsed frame.</param>
    /// <param name="messageType">The camelCase message key, for example <c>clientContent</c>.</param>
    /// <returns>Null when the envelope is valid, else the close reason.</returns>
    public static string? ValidateEnvelope(JsonElement root, out string? messageType)
    {
        messageType = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return CloseReasons.Fit($"Invalid JSON payload received. Expected an object, got {CloseReasons.Show(root.GetRawText())}.");
        }

        foreach (JsonProperty property in root.EnumerateObject())
        {
            string camel = ProtocolNames.ToCamelCase(property.Name);
            if (!s_messages.ContainsKey(camel))
            {
                return CloseReasons.Fit($"Invalid JSON payload received. Unknown name \"{property.Name}\": Cannot find field.");
            }

            if (messageType is not null)
            {
                return CloseReasons.Fit(
                    $"Invalid JSON payload received. Only one of \"{messageType}\" and \"{camel}\" can be set in one message.");
            }

            messageType = camel;
        }

        return messageType is null ? "Invalid JSON payload received. The message is empty." : null;
    }

    /// <summary>Validates the body of a client message (the value under its key).</summary>
    /// <param name="messageType">The camelCase message key.</param>
    /// <param name="body">The value under it.</param>
    /// <returns>Null when valid, else the close reason.</returns>
    public static string? ValidateBody(string messageType, JsonElement body)
    {
        MessageSpec spec = s_messages[messageType];
        return body.ValueKind == JsonValueKind.Null ? null : ValidateMessage(spec, body, ProtocolNames.ToSnakeCase(messageType), 0);
    }

    private static string? ValidateMessage(MessageSpec spec, JsonElement value, string path, int depth)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return Invalid(path, spec.Name, value);
        }

        if (depth > MaxDepth)
        {
            return CloseReasons.WithPath($"Invalid JSON payload received. Nesting deeper than {MaxDepth} at '", path, "'.");
        }

        HashSet<string>? seen = null;
        foreach (JsonProperty property in value.EnumerateObject())
        {
            if (!spec.TryGetField(property.Name, out FieldSpec field))
            {
                return CloseReasons.WithPath($"Invalid JSON payload received. Unknown name \"{property.Name}\" at '", path, "': Cannot find field.");
            }

            seen ??= new HashSet<string>(StringComparer.Ordinal);
            if (!seen.Add(field.Name))
            {
                return CloseReasons.WithPath($"Invalid JSON payload received. Duplicate field \"{property.Name}\" at '", path, "'.");
            }

            string? error = ValidateField(field, property.Value, $"{path}.{field.ProtoName}", depth + 1);
            if (error is not null)
            {
                return error;
            }
        }

        return spec.Check?.Invoke(value, path);
    }

    private static string? ValidateField(FieldSpec field, JsonElement value, string path, int depth)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!field.Repeated)
        {
            return ValidateSingle(field, value, path, depth);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return Invalid(path, "list of " + field.TypeName, value);
        }

        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            string itemPath = $"{path}[{index++}]";
            if (item.ValueKind == JsonValueKind.Null)
            {
                return Invalid(itemPath, field.TypeName, item);
            }

            string? error = ValidateSingle(field, item, itemPath, depth);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? ValidateSingle(FieldSpec field, JsonElement value, string path, int depth)
    {
        switch (field.Kind)
        {
            case FieldKind.String:
                return value.ValueKind == JsonValueKind.String ? null : Invalid(path, field.TypeName, value);
            case FieldKind.Bool:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : Invalid(path, field.TypeName, value);
            case FieldKind.Float:
                return IsFloat(value) ? null : Invalid(path, field.TypeName, value);
            case FieldKind.Int32:
                return IsInteger(value, int.MinValue, int.MaxValue) ? null : Invalid(path, field.TypeName, value);
            case FieldKind.Int64:
                return IsInteger(value, long.MinValue, long.MaxValue) ? null : Invalid(path, field.TypeName, value);
            case FieldKind.Enum:
                return IsEnum(field, value) ? null : Invalid(path, field.TypeName, value);
            case FieldKind.Bytes:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return Invalid(path, field.TypeName, value);
                }

                return Base64Text.IsValid(value.GetString()!)
                    ? null
                    : CloseReasons.WithPath("Invalid value at '", path, $"' (TYPE_BYTES), Base64 decoding failed for {CloseReasons.Show(value.GetRawText())}");
            case FieldKind.Message:
                return ValidateMessage(field.Message!, value, path, depth);
            case FieldKind.Map:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    return Invalid(path, field.TypeName, value);
                }

                foreach (JsonProperty entry in value.EnumerateObject())
                {
                    string? error = ValidateField(field.MapValue!, entry.Value, $"{path}[{entry.Name}]", depth + 1);
                    if (error is not null)
                    {
                        return error;
                    }
                }

                return null;
            case FieldKind.Struct:
                return value.ValueKind == JsonValueKind.Object ? null : Invalid(path, field.TypeName, value);
            default:
                return null;
        }
    }

    private static string Invalid(string path, string typeName, JsonElement value) =>
        CloseReasons.WithPath("Invalid value at '", path, $"' ({typeName}), {CloseReasons.Show(value.GetRawText())}");

    private static bool IsFloat(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => true,
        JsonValueKind.String => value.GetString() is "NaN" or "Infinity" or "-Infinity"
            || double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        _ => false,
    };

    private static bool IsInteger(JsonElement value, long min, long max)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt64(out long whole))
            {
                return whole >= min && whole <= max;
            }

            // An integral value written with a fraction or exponent (1.0, 1e3) is accepted by proto3 JSON parsers.
            return value.TryGetDouble(out double d) && Math.Floor(d) == d && d >= min && d <= max;
        }

        return value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed)
            && parsed >= min && parsed <= max;
    }

    private static bool IsEnum(FieldSpec field, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => field.EnumValues.Contains(value.GetString()!, StringComparer.Ordinal),
        JsonValueKind.Number => value.TryGetInt32(out int n) && n >= 0 && n < field.EnumValues.Count,
        _ => false,
    };
}
