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
            else if (reader.ValueTextEquals("parts"u8))
            {
                reader.Read();
                result.Parts = reader.TokenType == JsonTokenType.Null ? null : ReadParts(ref reader);
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

        if (value.Parts is { } parts)
        {
            WriteParts(writer, parts);
        }

        writer.WriteEndObject();
    }

    private static List<FunctionResponsePart> ReadParts(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"FunctionResponse.parts must be an array, got {reader.TokenType}.");
        }

        var parts = new List<FunctionResponsePart>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"A FunctionResponse part must be an object, got {reader.TokenType}.");
            }

            var part = new FunctionResponsePart();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.ValueTextEquals("inlineData"u8))
                {
                    reader.Read();
                    var blob = new FunctionResponseBlob();
                    ReadMedia(ref reader, (name, r) =>
                    {
                        if (name == "mimeType") { blob.MimeType = r; }
                        else if (name == "displayName") { blob.DisplayName = r; }
                        else if (name == "data" && r is not null) { blob.Data = Convert.FromBase64String(r); }
                    });
                    part.InlineData = blob;
                }
                else if (reader.ValueTextEquals("fileData"u8))
                {
                    reader.Read();
                    var file = new FunctionResponseFileData();
                    ReadMedia(ref reader, (name, r) =>
                    {
                        if (name == "mimeType") { file.MimeType = r; }
                        else if (name == "displayName") { file.DisplayName = r; }
                        else if (name == "fileUri") { file.FileUri = r; }
                    });
                    part.FileData = file;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            parts.Add(part);
        }

        return parts;
    }

    private static void ReadMedia(ref Utf8JsonReader reader, Action<string, string?> set)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object in a FunctionResponse part, got {reader.TokenType}.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString() ?? string.Empty;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                set(name, reader.GetString());
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void WriteParts(Utf8JsonWriter writer, IList<FunctionResponsePart> parts)
    {
        writer.WriteStartArray("parts"u8);
        foreach (FunctionResponsePart part in parts)
        {
            writer.WriteStartObject();
            if (part?.InlineData is { } blob)
            {
                writer.WriteStartObject("inlineData"u8);
                if (blob.MimeType is not null)
                {
                    writer.WriteString("mimeType"u8, blob.MimeType);
                }

                writer.WriteBase64String("data"u8, blob.Data.Span);
                if (blob.DisplayName is not null)
                {
                    writer.WriteString("displayName"u8, blob.DisplayName);
                }

                writer.WriteEndObject();
            }
            else if (part?.FileData is { } file)
            {
                writer.WriteStartObject("fileData"u8);
                if (file.MimeType is not null)
                {
                    writer.WriteString("mimeType"u8, file.MimeType);
                }

                if (file.FileUri is not null)
                {
                    writer.WriteString("fileUri"u8, file.FileUri);
                }

                if (file.DisplayName is not null)
                {
                    writer.WriteString("displayName"u8, file.DisplayName);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
