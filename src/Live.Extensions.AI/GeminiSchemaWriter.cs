using System.Buffers;
using System.Text.Json;

namespace Live.Extensions.AI;

/// <summary>Writes a generated declaration's Gemini <see cref="Schema"/> as standard JSON Schema, without reflection.</summary>
internal static class GeminiSchemaWriter
{
    private static readonly JsonElement s_emptyObjectSchema = Parse("""{"type":"object","properties":{}}"""u8);

    /// <summary>The JSON Schema of a declaration's parameters (an empty object schema when it has none).</summary>
    public static JsonElement ParametersSchema(FunctionDeclaration declaration)
    {
        if (declaration.ParametersJsonSchema is { ValueKind: JsonValueKind.Object } raw)
        {
            return raw;
        }

        return declaration.Parameters is { } parameters ? ToJsonSchema(parameters) : s_emptyObjectSchema;
    }

    /// <summary>The JSON Schema of a declaration's result, when it declares one.</summary>
    public static JsonElement? ResponseSchema(FunctionDeclaration declaration)
    {
        if (declaration.ResponseJsonSchema is { ValueKind: JsonValueKind.Object } raw)
        {
            return raw;
        }

        return declaration.Response is { } response ? ToJsonSchema(response) : null;
    }

    /// <summary>Converts one schema.</summary>
    public static JsonElement ToJsonSchema(Schema schema)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, schema);
        }

        return Parse(buffer.WrittenSpan);
    }

    private static JsonElement Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        return JsonElement.ParseValue(ref reader);
    }

    private static void Write(Utf8JsonWriter writer, Schema schema)
    {
        writer.WriteStartObject();
        if (schema.Type is { } type && type != SchemaType.Unspecified)
        {
            string name = TypeName(type);
            if (schema.Nullable == true)
            {
                writer.WriteStartArray("type");
                writer.WriteStringValue(name);
                writer.WriteStringValue("null");
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteString("type", name);
            }
        }

        WriteString(writer, "title", schema.Title);
        WriteString(writer, "description", schema.Description);

        // Gemini's "enum" format marks a string enum; JSON Schema needs only the values.
        if (schema.Format is { } format && format != "enum")
        {
            writer.WriteString("format", format);
        }

        if (schema.Enum is { Count: > 0 } values)
        {
            writer.WriteStartArray("enum");
            foreach (string value in values)
            {
                writer.WriteStringValue(value);
            }

            if (schema.Nullable == true)
            {
                writer.WriteNullValue();
            }

            writer.WriteEndArray();
        }

        if (schema.Items is { } items)
        {
            writer.WritePropertyName("items");
            Write(writer, items);
        }

        if (schema.Properties is { } properties)
        {
            writer.WriteStartObject("properties");
            IEnumerable<string> order = schema.PropertyOrdering is { Count: > 0 } ordering
                ? ordering.Where(properties.ContainsKey).Concat(properties.Keys.Where(k => !ordering.Contains(k)))
                : properties.Keys;
            foreach (string name in order)
            {
                writer.WritePropertyName(name);
                Write(writer, properties[name]);
            }

            writer.WriteEndObject();
        }

        if (schema.Required is { Count: > 0 } required)
        {
            writer.WriteStartArray("required");
            foreach (string name in required)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
        }

        if (schema.AnyOf is { Count: > 0 } anyOf)
        {
            writer.WriteStartArray("anyOf");
            foreach (Schema option in anyOf)
            {
                Write(writer, option);
            }

            writer.WriteEndArray();
        }

        WriteNumber(writer, "minimum", schema.Minimum);
        WriteNumber(writer, "maximum", schema.Maximum);
        WriteCount(writer, "minItems", schema.MinItems);
        WriteCount(writer, "maxItems", schema.MaxItems);
        WriteCount(writer, "minLength", schema.MinLength);
        WriteCount(writer, "maxLength", schema.MaxLength);
        WriteCount(writer, "minProperties", schema.MinProperties);
        WriteCount(writer, "maxProperties", schema.MaxProperties);
        WriteString(writer, "pattern", schema.Pattern);
        if (schema.Default is { } defaultValue)
        {
            writer.WritePropertyName("default");
            defaultValue.WriteTo(writer);
        }

        if (schema.Example is { } example)
        {
            writer.WriteStartArray("examples");
            example.WriteTo(writer);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static string TypeName(SchemaType type) => type switch
    {
        SchemaType.String => "string",
        SchemaType.Number => "number",
        SchemaType.Integer => "integer",
        SchemaType.Boolean => "boolean",
        SchemaType.Array => "array",
        SchemaType.Object => "object",
        SchemaType.Null => "null",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    private static void WriteCount(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } count)
        {
            writer.WriteNumber(name, count);
        }
    }
}
