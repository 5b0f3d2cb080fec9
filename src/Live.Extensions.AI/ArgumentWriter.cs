using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Live.Extensions.AI;

/// <summary>Moves arguments between Gemini's JSON object and M.E.AI's <see cref="AIFunctionArguments"/>.</summary>
internal static class ArgumentWriter
{
    /// <summary>
    /// Writes the arguments as one JSON object. JSON values, strings, numbers and booleans are written directly; any
    /// other value goes through the metadata <paramref name="options"/> holds for its type (no reflection when the
    /// options are source-generated).
    /// </summary>
    public static JsonElement ToJsonObject(AIFunctionArguments? arguments, JsonSerializerOptions options)
    {
        // One buffer and writer per thread, reset after use (the parsed element owns its own copy).
        (ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer) = t_writer ??= CreateWriter();
        try
        {
            writer.WriteStartObject();
            if (arguments is not null)
            {
                foreach (KeyValuePair<string, object?> argument in arguments)
                {
                    writer.WritePropertyName(argument.Key);
                    WriteValue(writer, argument.Value, options);
                }
            }

            writer.WriteEndObject();
            writer.Flush();
            var reader = new Utf8JsonReader(buffer.WrittenSpan);
            return JsonElement.ParseValue(ref reader);
        }
        finally
        {
            if (buffer.Capacity > MaxRetainedBytes)
            {
                t_writer = null;
            }
            else
            {
                buffer.ResetWrittenCount();
                writer.Reset(buffer);
            }
        }
    }

    private const int MaxRetainedBytes = 64 * 1024;

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? t_writer;

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) CreateWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        return (buffer, new Utf8JsonWriter(buffer));
    }

    /// <summary>Reads a call's arguments into <see cref="AIFunctionArguments"/>, one <see cref="JsonElement"/> per property (as M.E.AI's chat clients pass them).</summary>
    public static AIFunctionArguments FromJsonObject(JsonElement? args, IServiceProvider? services)
    {
        var arguments = new AIFunctionArguments { Services = services };
        if (args is { ValueKind: JsonValueKind.Object } obj)
        {
            foreach (JsonProperty property in obj.EnumerateObject())
            {
                arguments[property.Name] = property.Value;
            }
        }

        return arguments;
    }

    /// <summary>Writes one value.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            case JsonDocument document:
                document.WriteTo(writer);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case float number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case DateTimeOffset moment:
                writer.WriteStringValue(moment.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTime moment:
                writer.WriteStringValue(moment.ToString("O", CultureInfo.InvariantCulture));
                break;
            default:
                JsonTypeInfo typeInfo = options.GetTypeInfo(value.GetType());
                JsonSerializer.Serialize(writer, value, typeInfo);
                break;
        }
    }
}
