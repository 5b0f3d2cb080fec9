using System.Buffers;
using System.Text.Json;
using Live.Wire;

namespace Live.Serialization;

/// <summary>
/// Writes client messages (<c>setup</c>, <c>clientContent</c>, <c>toolResponse</c>, <c>realtimeInput</c>,
/// <c>contextUpdate</c>) with <see cref="Utf8JsonWriter"/> calls written out by hand, so that sending a message never
/// builds the source-generated metadata of the client message graph (on a fresh process that metadata was most of the
/// methods the first connect jitted). The bytes are those <see cref="LiveJsonContext"/> writes for the same message:
/// the same property order, nulls omitted (except where the wire type says <c>Never</c>), extension data after the
/// declared properties, the same converters for enums, base64, int64-as-string and <see cref="FunctionResponse"/>, and
/// the same depth limit (a value is refused, with a <see cref="JsonException"/>, when the writer is already
/// <see cref="JsonSerializerOptions.MaxDepth"/> containers deep, which is also what stops a cyclic schema).
/// </summary>
/// <remarks>
/// The differential test in <c>Live.Runtime.Tests</c> (<c>ClientMessageWriterTests</c>) writes generated messages both
/// ways and compares the bytes; a property added to a wire type must be added here too (that test fails until it is).
/// </remarks>
internal static partial class ClientMessageWriter
{
    private static readonly FunctionResponseConverter s_functionResponse = new();

    /// <summary>Writes one client message as one JSON object.</summary>
    /// <param name="writer">The writer (its encoder decides how strings are escaped).</param>
    /// <param name="message">The message.</param>
    /// <param name="context">
    /// The wire's metadata context: its options give the depth limit and what <see cref="FunctionResponseConverter"/> is
    /// given; its metadata is used only to report a message that cannot be written (below).
    /// </param>
    /// <exception cref="JsonException">
    /// The message nests deeper than the depth limit (or has a cycle), or an enum has a value with no wire name: the
    /// serializer's own exception, with its message and <see cref="JsonException.Path"/>.
    /// </exception>
    public static void Write(Utf8JsonWriter writer, LiveClientMessage message, LiveJsonContext context)
    {
        try
        {
            WriteMessage(new Context(writer, context.Options), message);
        }
        catch (JsonException)
        {
            // A message that cannot be written is a mistake in the caller's objects (too deep or cyclic, an enum value
            // without a wire name). The serializer refuses the same message; let it throw its own exception, with the
            // path to the value, so nothing changes for the caller. Only this path builds the metadata.
            var scratch = new ArrayBufferWriter<byte>();
            using (var serializerWriter = new Utf8JsonWriter(scratch, writer.Options))
            {
                JsonSerializer.Serialize(serializerWriter, message, context.LiveClientMessage);
            }

            throw;
        }
    }

    private static void WriteMessage(Context w, LiveClientMessage message)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        if (message is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        if (message.Setup is { } setup)
        {
            writer.WritePropertyName("setup"u8);
            WriteSetup(w, setup);
        }

        if (message.ClientContent is { } clientContent)
        {
            writer.WritePropertyName("clientContent"u8);
            WriteClientContent(w, clientContent);
        }

        if (message.RealtimeInput is { } realtimeInput)
        {
            writer.WritePropertyName("realtimeInput"u8);
            WriteRealtimeInput(w, realtimeInput);
        }

        if (message.ToolResponse is { } toolResponse)
        {
            writer.WritePropertyName("toolResponse"u8);
            WriteToolResponse(w, toolResponse);
        }

        if (message.ContextUpdate is { } contextUpdate)
        {
            writer.WritePropertyName("contextUpdate"u8);
            WriteContextUpdate(w, contextUpdate);
        }

        writer.WriteEndObject();
    }

    private static void WriteSetup(Context w, LiveClientSetup setup)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        writer.WriteStartObject();
        if (setup.Model is { } model)
        {
            w.String("model"u8, model);
        }

        if (setup.GenerationConfig is { } generationConfig)
        {
            writer.WritePropertyName("generationConfig"u8);
            WriteGenerationConfig(w, generationConfig);
        }

        if (setup.SystemInstruction is { } systemInstruction)
        {
            writer.WritePropertyName("systemInstruction"u8);
            WriteContent(w, systemInstruction);
        }

        if (setup.Tools is { } tools)
        {
            writer.WritePropertyName("tools"u8);
            WriteTools(w, tools);
        }

        if (setup.RealtimeInputConfig is { } realtimeInputConfig)
        {
            writer.WritePropertyName("realtimeInputConfig"u8);
            WriteRealtimeInputConfig(w, realtimeInputConfig);
        }

        if (setup.SessionResumption is { } sessionResumption)
        {
            w.Guard();
            writer.WriteStartObject("sessionResumption"u8);
            if (sessionResumption.Handle is { } handle)
            {
                w.String("handle"u8, handle);
            }

            if (sessionResumption.Transparent is { } transparent)
            {
                w.Boolean("transparent"u8, transparent);
            }

            writer.WriteEndObject();
        }

        if (setup.ContextWindowCompression is { } compression)
        {
            w.Guard();
            writer.WriteStartObject("contextWindowCompression"u8);
            if (compression.TriggerTokens is { } triggerTokens)
            {
                w.Int64String("triggerTokens"u8, triggerTokens);
            }

            if (compression.SlidingWindow is { } slidingWindow)
            {
                w.Guard();
                writer.WriteStartObject("slidingWindow"u8);
                if (slidingWindow.TargetTokens is { } targetTokens)
                {
                    w.Int64String("targetTokens"u8, targetTokens);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        if (setup.InputAudioTranscription is { } inputTranscription)
        {
            writer.WritePropertyName("inputAudioTranscription"u8);
            WriteAudioTranscriptionConfig(w, inputTranscription);
        }

        if (setup.OutputAudioTranscription is { } outputTranscription)
        {
            writer.WritePropertyName("outputAudioTranscription"u8);
            WriteAudioTranscriptionConfig(w, outputTranscription);
        }

        if (setup.Proactivity is { } proactivity)
        {
            w.Guard();
            writer.WriteStartObject("proactivity"u8);
            if (proactivity.ProactiveAudio is { } proactiveAudio)
            {
                w.Boolean("proactiveAudio"u8, proactiveAudio);
            }

            writer.WriteEndObject();
        }

        if (setup.ExplicitVadSignal is { } explicitVadSignal)
        {
            w.Boolean("explicitVadSignal"u8, explicitVadSignal);
        }

        w.ExtensionData(setup.AdditionalProperties);
        writer.WriteEndObject();
    }

    private static void WriteClientContent(Context w, LiveClientContent clientContent)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        writer.WriteStartObject();
        if (clientContent.Turns is { } turns)
        {
            writer.WritePropertyName("turns"u8);
            WriteContents(w, turns);
        }

        w.Boolean("turnComplete"u8, clientContent.TurnComplete);
        writer.WriteEndObject();
    }

    private static void WriteRealtimeInput(Context w, LiveClientRealtimeInput input)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        writer.WriteStartObject();
        if (input.MediaChunks is { } mediaChunks)
        {
            w.Guard();
            writer.WriteStartArray("mediaChunks"u8);
            foreach (Blob? chunk in mediaChunks)
            {
                WriteBlob(w, chunk);
            }

            writer.WriteEndArray();
        }

        if (input.Audio is { } audio)
        {
            writer.WritePropertyName("audio"u8);
            WriteBlob(w, audio);
        }

        if (input.Video is { } video)
        {
            writer.WritePropertyName("video"u8);
            WriteBlob(w, video);
        }

        if (input.Text is { } text)
        {
            w.String("text"u8, text);
        }

        if (input.ActivityStart is not null)
        {
            w.Guard();
            writer.WriteStartObject("activityStart"u8);
            writer.WriteEndObject();
        }

        if (input.ActivityEnd is not null)
        {
            w.Guard();
            writer.WriteStartObject("activityEnd"u8);
            writer.WriteEndObject();
        }

        if (input.AudioStreamEnd is { } audioStreamEnd)
        {
            w.Boolean("audioStreamEnd"u8, audioStreamEnd);
        }

        writer.WriteEndObject();
    }

    private static void WriteToolResponse(Context w, LiveClientToolResponse toolResponse)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        writer.WriteStartObject();
        if (toolResponse.FunctionResponses is { } responses)
        {
            w.Guard();
            writer.WriteStartArray("functionResponses"u8);
            foreach (FunctionResponse? response in responses)
            {
                WriteFunctionResponse(w, response);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteContextUpdate(Context w, LiveClientContextUpdate update)
    {
        Utf8JsonWriter writer = w.Writer;
        w.Guard();
        writer.WriteStartObject();
        if (update.SystemInstruction is { } systemInstruction)
        {
            writer.WritePropertyName("systemInstruction"u8);
            WriteContent(w, systemInstruction);
        }

        if (update.Tools is { } toolsUpdate)
        {
            w.Guard();
            writer.WriteStartObject("tools"u8);
            if (toolsUpdate.Tools is { } tools)
            {
                writer.WritePropertyName("tools"u8);
                WriteTools(w, tools);
            }
            else
            {
                // [JsonIgnore(Condition = Never)]: a null list is written as null.
                writer.WriteNull("tools"u8);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteFunctionResponse(Context w, FunctionResponse? response)
    {
        w.Guard();
        if (response is null)
        {
            w.Writer.WriteNullValue();
            return;
        }

        s_functionResponse.Write(w.Writer, response, w.Options);
    }
}
