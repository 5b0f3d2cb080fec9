using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Live.Serialization;

/// <summary>
/// Reads and writes <see cref="FunctionResponse"/> without reflection, writing a response that is
/// already UTF-8 JSON as raw bytes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FunctionResponseConverter : JsonConverter<FunctionResponse>
{
    private static readonly FunctionResponseSchedulingConverter s_scheduling = new();

    /// <inheritdoc />
    public override FunctionResponse? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a FunctionResponse object, got {reader.TokenType}.");
        }

        var result = new FunctionResponse();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("Expected a property name in FunctionResponse.");
            }

            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                result.Id = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                result.Name = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            }
            else if (reader.ValueTextEquals("response"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    result.Response = null;
                }
                else if (reader.TokenType == JsonTokenType.StartObject)
                {
                    result.Response = JsonNode.Parse(ref reader)?.AsObject();
                }
                else
                {
                    throw new JsonException($"FunctionResponse.response must be a JSON object, got {reader.TokenType}.");
                }
            }
            else if (reader.ValueTextEquals("scheduling"u8))
            {
                reader.Read();
                result.Scheduling = reader.TokenType == JsonTokenType.Null ? null : s_scheduling.Read(ref reader, typeof(FunctionResponseScheduling), options);
            }
            else if (reader.ValueTextEquals("willContinue"u8))
            {
                reader.Read();
                result.WillContinue = reader.TokenType == JsonTokenType.Null ? null : reader.GetBoolean();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, FunctionResponse value, JsonSerializerOptions options)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        if (value.Id is not null)
        {
            writer.WriteString("id"u8, value.Id);
        }

        if (value.Name is not null)
        {
            writer.WriteString("name"u8, value.Name);
        }

        if (!value.ResponseUtf8.IsEmpty)
        {
            writer.WritePropertyName("response"u8);
            writer.WriteRawValue(value.ResponseUtf8.Span, skipInputValidation: false);
        }
        else if (value.Response is { } response)
        {
            writer.WritePropertyName("response"u8);
            response.WriteTo(writer);
        }

        if (value.Scheduling is { } scheduling)
        {
            writer.WritePropertyName("scheduling"u8);
            s_scheduling.Write(writer, scheduling, options);
        }

        if (value.WillContinue is { } willContinue)
        {
            writer.WriteBoolean("willContinue"u8, willContinue);
        }

        writer.WriteEndObject();
    }
}
