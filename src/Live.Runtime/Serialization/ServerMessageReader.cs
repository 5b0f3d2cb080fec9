using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Live.Serialization;

/// <summary>
/// A hand-written single pass over the frames a session mostly gets (<c>serverContent</c> with text or audio parts and
/// turn signals, <c>toolCall</c>, and the small control messages), building the same <see cref="LiveServerMessage"/>
/// graph as the source-generated parse (<see cref="LiveJsonContext.LiveServerMessage"/>) without its per-property
/// machinery. It reads only what it knows exactly: on anything else (an unknown or repeated member, a <c>null</c> where
/// it reads a value itself, an unexpected token, bad base64, malformed JSON, a depth beyond the limit, …) it gives up
/// and the caller parses the frame with the source-generated metadata, so every result, error and limit is the
/// serializer's. Members whose type it does not read itself (transcriptions, usage, …) are read with the
/// source-generated metadata of that type, from the same reader.
/// </summary>
internal static class ServerMessageReader
{
    // The values every audio chunk repeats, shared instead of decoded into a new string per message (equal strings;
    // ValueTextEquals also matches them written with escapes, as GetString would decode them).
    private const string Pcm24k = "audio/pcm;rate=24000";
    private const string ModelRole = "model";

    /// <summary>Reads a frame; null when the frame must be parsed by the source-generated metadata instead.</summary>
    /// <param name="json">The frame.</param>
    /// <param name="context">The source-generated metadata (its options' depth limit is used).</param>
    /// <param name="pool">
    /// When not null, decoded inline data goes into arrays rented from this pool, recorded in <paramref name="rented"/>
    /// ; when null, into exact-size arrays, as the source-generated parse does.
    /// </param>
    /// <param name="rented">Holds the rented arrays (created on the first one); returned to the pool (and reset to null) when the method gives up.</param>
    /// <returns>The message, or null to fall back.</returns>
    public static LiveServerMessage? TryRead(ReadOnlySpan<byte> json, LiveJsonContext context, ArrayPool<byte>? pool, ref LiveServerMessageLease? rented)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = context.Options.MaxDepth });
        var state = new State(context, pool, rented);
        LiveServerMessage? message;
        try
        {
            message = ReadMessage(ref reader, ref state);

            // Nothing may follow the message (the serializer rejects trailing content); Read throws on it.
            if (message is not null && reader.Read())
            {
                message = null;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException or OverflowException)
        {
            // Malformed or unexpected: the source-generated parse reads it (and reports it) instead.
            message = null;
        }

        rented = state.Rented;
        if (message is null && rented is not null)
        {
            rented.Dispose();
            rented = null;
        }

        return message;
    }

    private static LiveServerMessage? ReadMessage(ref Utf8JsonReader reader, ref State state)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var message = new LiveServerMessage();
        int seen = 0;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return message;
            }

            int member;
            if (reader.ValueTextEquals("serverContent"u8))
            {
                member = 1 << 0;
            }
            else if (reader.ValueTextEquals("toolCall"u8))
            {
                member = 1 << 1;
            }
            else if (reader.ValueTextEquals("usageMetadata"u8))
            {
                member = 1 << 2;
            }
            else if (reader.ValueTextEquals("setupComplete"u8))
            {
                member = 1 << 3;
            }
            else if (reader.ValueTextEquals("toolCallCancellation"u8))
            {
                member = 1 << 4;
            }
            else if (reader.ValueTextEquals("sessionResumptionUpdate"u8))
            {
                member = 1 << 5;
            }
            else if (reader.ValueTextEquals("goAway"u8))
            {
                member = 1 << 6;
            }
            else
            {
                // Unknown members go to AdditionalProperties; other typed members are rare: the serializer reads them.
                return null;
            }

            if ((seen & member) != 0)
            {
                return null;
            }

            seen |= member;
            reader.Read();
            switch (member)
            {
                case 1 << 0:
                    if ((message.ServerContent = ReadServerContent(ref reader, ref state)) is null)
                    {
                        return null;
                    }

                    break;
                case 1 << 1:
                    if ((message.ToolCall = ReadToolCall(ref reader, ref state)) is null)
                    {
                        return null;
                    }

                    break;
                case 1 << 2:
                    message.UsageMetadata = JsonSerializer.Deserialize(ref reader, state.Context.UsageMetadata);
                    break;
                case 1 << 3:
                    message.SetupComplete = JsonSerializer.Deserialize(ref reader, state.Context.LiveServerSetupComplete);
                    break;
                case 1 << 4:
                    message.ToolCallCancellation = JsonSerializer.Deserialize(ref reader, state.Context.LiveServerToolCallCancellation);
                    break;
                case 1 << 5:
                    message.SessionResumptionUpdate = JsonSerializer.Deserialize(ref reader, state.Context.LiveServerSessionResumptionUpdate);
                    break;
                default:
                    message.GoAway = JsonSerializer.Deserialize(ref reader, state.Context.LiveServerGoAway);
                    break;
            }
        }
    }

    private static LiveServerContent? ReadServerContent(ref Utf8JsonReader reader, ref State state)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var content = new LiveServerContent();
        int seen = 0;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return content;
            }

            int member;
            if (reader.ValueTextEquals("modelTurn"u8))
            {
                member = 1 << 0;
            }
            else if (reader.ValueTextEquals("turnComplete"u8))
            {
                member = 1 << 1;
            }
            else if (reader.ValueTextEquals("generationComplete"u8))
            {
                member = 1 << 2;
            }
            else if (reader.ValueTextEquals("interrupted"u8))
            {
                member = 1 << 3;
            }
            else if (reader.ValueTextEquals("waitingForInput"u8))
            {
                member = 1 << 4;
            }
            else if (reader.ValueTextEquals("inputTranscription"u8))
            {
                member = 1 << 5;
            }
            else if (reader.ValueTextEquals("outputTranscription"u8))
            {
                member = 1 << 6;
            }
            else if (reader.ValueTextEquals("interimInputTranscription"u8))
            {
                member = 1 << 7;
            }
            else
            {
                return null;
            }

            if ((seen & member) != 0)
            {
                return null;
            }

            seen |= member;
            reader.Read();
            switch (member)
            {
                case 1 << 0:
                    if ((content.ModelTurn = ReadContent(ref reader, ref state)) is null)
                    {
                        return null;
                    }

                    break;
                case 1 << 1:
                    if (!TryReadBoolean(ref reader, out bool turnComplete))
                    {
                        return null;
                    }

                    content.TurnComplete = turnComplete;
                    break;
                case 1 << 2:
                    if (!TryReadBoolean(ref reader, out bool generationComplete))
                    {
                        return null;
                    }

                    content.GenerationComplete = generationComplete;
                    break;
                case 1 << 3:
                    if (!TryReadBoolean(ref reader, out bool interrupted))
                    {
                        return null;
                    }

                    content.Interrupted = interrupted;
                    break;
                case 1 << 4:
                    if (!TryReadBoolean(ref reader, out bool waiting))
                    {
                        return null;
                    }

                    content.WaitingForInput = waiting;
                    break;
                case 1 << 5:
                    content.InputTranscription = JsonSerializer.Deserialize(ref reader, state.Context.Transcription);
                    break;
                case 1 << 6:
                    content.OutputTranscription = JsonSerializer.Deserialize(ref reader, state.Context.Transcription);
                    break;
                default:
                    content.InterimInputTranscription = JsonSerializer.Deserialize(ref reader, state.Context.Transcription);
                    break;
            }
        }
    }

    private static Content? ReadContent(ref Utf8JsonReader reader, ref State state)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var content = new Content();
        bool seenParts = false;
        bool seenRole = false;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return content;
            }

            if (reader.ValueTextEquals("parts"u8) && !seenParts)
            {
                seenParts = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return null;
                }

                var parts = new List<Part>(1);
                while (true)
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        break;
                    }

                    if (ReadPart(ref reader, ref state) is not { } part)
                    {
                        return null;
                    }

                    parts.Add(part);
                }

                content.Parts = parts;
            }
            else if (reader.ValueTextEquals("role"u8) && !seenRole)
            {
                seenRole = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                content.Role = reader.ValueTextEquals("model"u8) ? ModelRole : reader.GetString();
            }
            else
            {
                return null;
            }
        }
    }

    private static Part? ReadPart(ref Utf8JsonReader reader, ref State state)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var part = new Part();
        int seen = 0;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return part;
            }

            int member;
            if (reader.ValueTextEquals("inlineData"u8))
            {
                member = 1 << 0;
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                member = 1 << 1;
            }
            else if (reader.ValueTextEquals("thought"u8))
            {
                member = 1 << 2;
            }
            else if (reader.ValueTextEquals("thoughtSignature"u8))
            {
                member = 1 << 3;
            }
            else
            {
                return null;
            }

            if ((seen & member) != 0)
            {
                return null;
            }

            seen |= member;
            reader.Read();
            switch (member)
            {
                case 1 << 0:
                    if ((part.InlineData = ReadBlob(ref reader, ref state)) is null)
                    {
                        return null;
                    }

                    break;
                case 1 << 1:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return null;
                    }

                    part.Text = reader.GetString();
                    break;
                case 1 << 2:
                    if (!TryReadBoolean(ref reader, out bool thought))
                    {
                        return null;
                    }

                    part.Thought = thought;
                    break;
                default:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return null;
                    }

                    part.ThoughtSignature = reader.GetString();
                    break;
            }
        }
    }

    private static Blob? ReadBlob(ref Utf8JsonReader reader, ref State state)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var blob = new Blob();
        bool seenData = false;
        bool seenMimeType = false;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return blob;
            }

            if (reader.ValueTextEquals("data"u8) && !seenData)
            {
                seenData = true;
                reader.Read();

                // Escaped base64 (for example "\/") and null are left to the converter.
                if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
                {
                    return null;
                }

                if (!TryDecode(reader.ValueSpan, blob, ref state))
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("mimeType"u8) && !seenMimeType)
            {
                seenMimeType = true;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                blob.MimeType = reader.ValueTextEquals("audio/pcm;rate=24000"u8) ? Pcm24k : reader.GetString();
            }
            else
            {
                return null;
            }
        }
    }

    /// <summary>Decodes base64 into the blob: into a rented array when pooling, else as <see cref="Base64MemoryConverter"/> does.</summary>
    private static bool TryDecode(ReadOnlySpan<byte> utf8, Blob blob, ref State state)
    {
        if (state.Pool is { } pool && utf8.Length >= 4 && utf8.Length % 4 == 0)
        {
            // The service's form (standard alphabet, padded): straight from the frame's UTF-8 into the rented array.
            int padding = utf8[^1] == (byte)'=' ? (utf8[^2] == (byte)'=' ? 2 : 1) : 0;
            byte[] array = pool.Rent((utf8.Length / 4 * 3) - padding);
            if (Base64.DecodeFromUtf8(utf8, array, out int consumed, out int written) == OperationStatus.Done && consumed == utf8.Length)
            {
                blob.Data = new ReadOnlyMemory<byte>(array, 0, written);
                (state.Rented ??= new LiveServerMessageLease(pool)).Add(blob, array);
                return true;
            }

            pool.Return(array);
        }

        // Not pooling, empty, or another form (URL-safe, unpadded): the converter's own decoding, same bytes.
        if (!Base64Wire.TryDecode(utf8, out byte[] decoded))
        {
            return false;
        }

        blob.Data = decoded;
        return true;
    }

    private static LiveServerToolCall? ReadToolCall(ref Utf8JsonReader reader, ref State state)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var toolCall = new LiveServerToolCall();
        bool seenCalls = false;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return toolCall;
            }

            if (!reader.ValueTextEquals("functionCalls"u8) || seenCalls)
            {
                return null;
            }

            seenCalls = true;
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            var calls = new List<FunctionCall>(1);
            while (true)
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                if (ReadFunctionCall(ref reader, ref state) is not { } call)
                {
                    return null;
                }

                calls.Add(call);
            }

            toolCall.FunctionCalls = calls;
        }
    }

    private static FunctionCall? ReadFunctionCall(ref Utf8JsonReader reader, ref State state)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var call = new FunctionCall();
        int seen = 0;
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return call;
            }

            int member;
            if (reader.ValueTextEquals("id"u8))
            {
                member = 1 << 0;
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                member = 1 << 1;
            }
            else if (reader.ValueTextEquals("args"u8))
            {
                member = 1 << 2;
            }
            else
            {
                return null;
            }

            if ((seen & member) != 0)
            {
                return null;
            }

            seen |= member;
            reader.Read();
            switch (member)
            {
                case 1 << 0:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return null;
                    }

                    call.Id = reader.GetString();
                    break;
                case 1 << 1:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return null;
                    }

                    call.Name = reader.GetString();
                    break;
                default:
                    call.Args = JsonSerializer.Deserialize(ref reader, state.Context.NullableJsonElement);
                    break;
            }
        }
    }

    private static bool TryReadBoolean(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
    }

    private struct State
    {
        public State(LiveJsonContext context, ArrayPool<byte>? pool, LiveServerMessageLease? rented)
        {
            Context = context;
            Pool = pool;
            Rented = rented;
        }

        public LiveJsonContext Context { get; }

        public ArrayPool<byte>? Pool { get; }

        public LiveServerMessageLease? Rented { get; set; }
    }
}
