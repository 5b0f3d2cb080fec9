using System.Text.Json;

namespace Live.Serialization;

internal static partial class ClientMessageWriter
{
    private static void WriteContents(Context w, IList<Content> contents)
    {
        w.Guard();
        w.Writer.WriteStartArray();
        foreach (Content? content in contents)
        {
            WriteContent(w, content);
        }

        w.Writer.WriteEndArray();
    }

    private static void WriteContent(Context w, Content? content)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        if (content is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        if (content.Parts is { } parts)
        {
            w.Guard();
            writer.WriteStartArray("parts"u8);
            foreach (Part? part in parts)
            {
                WritePart(w, part);
            }

            writer.WriteEndArray();
        }

        if (content.Role is { } role)
        {
            w.String("role"u8, role);
        }

        writer.WriteEndObject();
    }

    private static void WritePart(Context w, Part? part)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        if (part is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        if (part.Text is { } text)
        {
            w.String("text"u8, text);
        }

        if (part.InlineData is { } inlineData)
        {
            writer.WritePropertyName("inlineData"u8);
            WriteBlob(w, inlineData);
        }

        if (part.FileData is { } fileData)
        {
            w.Guard();
            writer.WriteStartObject("fileData"u8);
            if (fileData.MimeType is { } mimeType)
            {
                w.String("mimeType"u8, mimeType);
            }

            if (fileData.FileUri is { } fileUri)
            {
                w.String("fileUri"u8, fileUri);
            }

            if (fileData.DisplayName is { } displayName)
            {
                w.String("displayName"u8, displayName);
            }

            writer.WriteEndObject();
        }

        if (part.FunctionCall is { } functionCall)
        {
            w.Guard();
            writer.WriteStartObject("functionCall"u8);
            if (functionCall.Id is { } id)
            {
                w.String("id"u8, id);
            }

            if (functionCall.Name is { } name)
            {
                w.String("name"u8, name);
            }

            if (functionCall.Args is { } args)
            {
                w.Element("args"u8, args);
            }

            writer.WriteEndObject();
        }

        if (part.FunctionResponse is { } functionResponse)
        {
            writer.WritePropertyName("functionResponse"u8);
            WriteFunctionResponse(w, functionResponse);
        }

        if (part.ExecutableCode is { } executableCode)
        {
            w.Guard();
            writer.WriteStartObject("executableCode"u8);
            if (executableCode.Language is { } language)
            {
                writer.WritePropertyName("language"u8);
                w.Guard();
                writer.WriteStringValue(WireNames.Of(language));
            }

            if (executableCode.Code is { } code)
            {
                w.String("code"u8, code);
            }

            writer.WriteEndObject();
        }

        if (part.CodeExecutionResult is { } codeExecutionResult)
        {
            w.Guard();
            writer.WriteStartObject("codeExecutionResult"u8);
            if (codeExecutionResult.Outcome is { } outcome)
            {
                writer.WritePropertyName("outcome"u8);
                w.Guard();
                writer.WriteStringValue(WireNames.Of(outcome));
            }

            if (codeExecutionResult.Output is { } output)
            {
                w.String("output"u8, output);
            }

            writer.WriteEndObject();
        }

        if (part.Thought is { } thought)
        {
            w.Boolean("thought"u8, thought);
        }

        if (part.ThoughtSignature is { } thoughtSignature)
        {
            w.String("thoughtSignature"u8, thoughtSignature);
        }

        w.ExtensionData(part.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>A blob: <c>data</c> (base64, always written) then <c>mimeType</c>.</summary>
    private static void WriteBlob(Context w, Blob? blob)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        if (blob is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        w.Guard();
        writer.WriteBase64String("data"u8, blob.Data.Span);
        if (blob.MimeType is { } mimeType)
        {
            w.String("mimeType"u8, mimeType);
        }

        writer.WriteEndObject();
    }
}
