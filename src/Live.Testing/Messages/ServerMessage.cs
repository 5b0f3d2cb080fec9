using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Live.Testing;

/// <summary>
/// One frame the emulator sends to the client: a Live API server message (<c>setupComplete</c>, <c>serverContent</c>,
/// <c>toolCall</c>, <c>toolCallCancellation</c>, <c>goAway</c>, <c>sessionResumptionUpdate</c>, <c>usageMetadata</c>),
/// raw JSON, or a malformed payload. Use the static factories, ideally with <c>using static Live.Testing.ServerMessage;</c>.
/// </summary>
/// <remarks>
/// Messages are written in lowerCamelCase, as the service writes them. Unless
/// <see cref="LiveEmulatorOptions.IndentServerFrames"/> is off, they go out pretty-printed with a trailing newline
/// like the production service; <see cref="Raw"/> and <see cref="Malformed"/> go out byte for byte.
/// </remarks>
public sealed class ServerMessage
{
    /// <summary>The MIME type of model audio: 16-bit little-endian PCM, 24 kHz, mono.</summary>
    public const string ModelAudioMimeType = "audio/pcm;rate=24000";

    private static readonly JsonWriterOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions s_indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    private readonly JsonObject? _json;
    private readonly byte[]? _verbatim;

    private ServerMessage(JsonObject json) => _json = json;

    private ServerMessage(byte[] verbatim) => _verbatim = verbatim;

    /// <summary>Whether the message is sent byte for byte (<see cref="Raw"/>, <see cref="Malformed"/>).</summary>
    public bool IsVerbatim => _verbatim is not null;

    /// <summary>The top-level keys of the message (empty for a verbatim one).</summary>
    public IEnumerable<string> Keys => _json is null ? [] : _json.Select(p => p.Key);

    /// <summary><c>{"setupComplete": {}}</c>, optionally with a <c>sessionId</c>.</summary>
    /// <param name="sessionId">The session id to report, if any.</param>
    /// <returns>The message.</returns>
    public static ServerMessage SetupComplete(string? sessionId = null)
    {
        var body = new JsonObject();
        if (sessionId is not null)
        {
            body["sessionId"] = sessionId;
        }

        return Wrap("setupComplete", body);
    }

    /// <summary>A partial model turn with one text part: <c>{"serverContent": {"modelTurn": {"parts": [{"text": …}]}}}</c>.</summary>
    /// <param name="text">The text chunk.</param>
    /// <returns>The message.</returns>
    public static ServerMessage Text(string text) =>
        ServerContent(new JsonObject { ["modelTurn"] = Parts(new JsonObject { ["text"] = text }) });

    /// <summary>
    /// A whole text turn as the service streams it: the text in <paramref name="chunks"/> partial
    /// <c>modelTurn</c> messages, then <c>generationComplete</c>, then <c>turnComplete</c>.
    /// </summary>
    /// <param name="text">The model's answer.</param>
    /// <param name="chunks">How many partial messages to split it into (at least 1; fewer when the text is shorter).</param>
    /// <returns>The messages, in order.</returns>
    public static IReadOnlyList<ServerMessage> TextTurn(string text, int chunks = 1)
    {
        var messages = SplitText(text, chunks).Select(Text).ToList();
        messages.Add(GenerationComplete());
        messages.Add(TurnComplete());
        return messages;
    }

    /// <summary>A partial model turn with one inline audio part (base64 PCM).</summary>
    /// <param name="pcm">16-bit little-endian PCM samples.</param>
    /// <param name="mimeType">The MIME type; model audio is <see cref="ModelAudioMimeType"/>.</param>
    /// <returns>The message.</returns>
    public static ServerMessage Audio(ReadOnlySpan<byte> pcm, string mimeType = ModelAudioMimeType) =>
        ServerContent(new JsonObject
        {
            ["modelTurn"] = Parts(new JsonObject
            {
                ["inlineData"] = new JsonObject { ["mimeType"] = mimeType, ["data"] = Convert.ToBase64String(pcm) },
            }),
        });

    /// <summary>
    /// A whole audio turn: the PCM in <paramref name="chunks"/> inline-data messages (each with its share of the
    /// <c>outputTranscription</c> when a transcript is given), then <c>generationComplete</c> and <c>turnComplete</c>.
    /// </summary>
    /// <param name="pcm">16-bit little-endian PCM, 24 kHz mono.</param>
    /// <param name="chunks">How many audio messages to send (at least 1).</param>
    /// <param name="transcript">The words spoken, sent as output transcription alongside the audio.</param>
    /// <returns>The messages, in order.</returns>
    public static IReadOnlyList<ServerMessage> AudioTurn(ReadOnlyMemory<byte> pcm, int chunks = 1, string? transcript = null)
    {
        List<ReadOnlyMemory<byte>> slices = SplitAudio(pcm, chunks);
        string[] words = transcript is null ? [] : SplitText(transcript, slices.Count).ToArray();
        var messages = new List<ServerMessage>();
        for (int i = 0; i < slices.Count; i++)
        {
            ServerMessage message = Audio(slices[i].Span);
            messages.Add(i < words.Length ? message.With(OutputTranscription(words[i])) : message);
        }

        messages.Add(GenerationComplete());
        messages.Add(TurnComplete());
        return messages;
    }

    /// <summary><c>{"serverContent": {"turnComplete": true}}</c>.</summary>
    /// <returns>The message.</returns>
    public static ServerMessage TurnComplete() => ServerContent(new JsonObject { ["turnComplete"] = true });

    /// <summary><c>serverContent</c> with <c>interactionStatus</c> (<c>IN_PROGRESS</c>, <c>IDLE</c>), and <c>turnComplete</c> when asked.</summary>
    /// <param name="status">The wire value, for example <c>IDLE</c>.</param>
    /// <param name="turnComplete">Whether the message also completes the turn.</param>
    /// <returns>The message.</returns>
    public static ServerMessage InteractionStatus(string status, bool turnComplete = false)
    {
        var body = new JsonObject();
        if (turnComplete)
        {
            body["turnComplete"] = true;
        }

        body["interactionStatus"] = status;
        return ServerContent(body);
    }

    /// <summary><c>{"serverContent": {"generationComplete": true}}</c>.</summary>
    /// <returns>The message.</returns>
    public static ServerMessage GenerationComplete() => ServerContent(new JsonObject { ["generationComplete"] = true });

    /// <summary><c>{"serverContent": {"interrupted": true}}</c>: the user spoke over the model, which stopped.</summary>
    /// <returns>The message.</returns>
    public static ServerMessage Interrupted() => ServerContent(new JsonObject { ["interrupted"] = true });

    /// <summary>A transcription of the user's audio: <c>{"serverContent": {"inputTranscription": {"text": …}}}</c>.</summary>
    /// <param name="text">The transcribed text.</param>
    /// <param name="finished">The <c>finished</c> flag, when given.</param>
    /// <returns>The message.</returns>
    public static ServerMessage InputTranscription(string text, bool? finished = null) =>
        ServerContent(new JsonObject { ["inputTranscription"] = Transcription(text, finished) });

    /// <summary>A transcription of the model's audio: <c>{"serverContent": {"outputTranscription": {"text": …}}}</c>.</summary>
    /// <param name="text">The transcribed text.</param>
    /// <param name="finished">The <c>finished</c> flag, when given.</param>
    /// <returns>The message.</returns>
    public static ServerMessage OutputTranscription(string text, bool? finished = null) =>
        ServerContent(new JsonObject { ["outputTranscription"] = Transcription(text, finished) });

    /// <summary>A <c>toolCall</c> with one function call.</summary>
    /// <param name="id">The call id; the client must answer with it.</param>
    /// <param name="name">The function's name.</param>
    /// <param name="args">The arguments (an empty object when null).</param>
    /// <returns>The message.</returns>
    public static ServerMessage ToolCall(string id, string name, JsonObject? args = null) =>
        ToolCall(new FunctionCall { Id = id, Name = name, Args = ToElement(args ?? new JsonObject()) });

    /// <summary>A <c>toolCall</c> with several function calls (the model calls functions in parallel this way).</summary>
    /// <param name="calls">The calls; <see cref="FunctionCall.Args"/> null means an empty object.</param>
    /// <returns>The message.</returns>
    public static ServerMessage ToolCall(params FunctionCall[] calls)
    {
        var array = new JsonArray();
        foreach (FunctionCall call in calls)
        {
            var item = new JsonObject();
            if (call.Id is not null)
            {
                item["id"] = call.Id;
            }

            item["name"] = call.Name;
            item["args"] = call.Args is { } args ? JsonNode.Parse(args.GetRawText()) : new JsonObject();
            array.Add((JsonNode)item);
        }

        return Wrap("toolCall", new JsonObject { ["functionCalls"] = array });
    }

    /// <summary><c>{"toolCallCancellation": {"ids": […]}}</c>: calls the client should abandon.</summary>
    /// <param name="ids">The ids of the cancelled calls.</param>
    /// <returns>The message.</returns>
    public static ServerMessage ToolCallCancellation(params string[] ids) =>
        Wrap("toolCallCancellation", new JsonObject { ["ids"] = new JsonArray(ids.Select(id => (JsonNode?)id).ToArray()) });

    /// <summary><c>{"goAway": {"timeLeft": "50s"}}</c>: the server will close the connection soon.</summary>
    /// <param name="timeLeft">The time left, written as a protobuf Duration (<c>"50s"</c>, <c>"0.5s"</c>).</param>
    /// <returns>The message.</returns>
    public static ServerMessage GoAway(TimeSpan timeLeft) =>
        Wrap("goAway", new JsonObject { ["timeLeft"] = FormatDuration(timeLeft) });

    /// <summary><c>{"sessionResumptionUpdate": {"newHandle": …, "resumable": …}}</c>.</summary>
    /// <param name="newHandle">The handle to resume with; null when the session is not resumable now.</param>
    /// <param name="resumable">Whether the session can be resumed at this point.</param>
    /// <returns>The message.</returns>
    public static ServerMessage SessionResumptionUpdate(string? newHandle, bool resumable = true)
    {
        var body = new JsonObject();
        if (newHandle is not null)
        {
            body["newHandle"] = newHandle;
        }

        body["resumable"] = resumable;
        return Wrap("sessionResumptionUpdate", body);
    }

    /// <summary><c>{"usageMetadata": {…}}</c> with Gemini API token counts.</summary>
    /// <param name="promptTokenCount">Tokens in the prompt.</param>
    /// <param name="responseTokenCount">Tokens in the response.</param>
    /// <param name="totalTokenCount">The total; the sum when null.</param>
    /// <returns>The message.</returns>
    public static ServerMessage UsageMetadata(int promptTokenCount, int responseTokenCount, int? totalTokenCount = null) =>
        Wrap("usageMetadata", new JsonObject
        {
            ["promptTokenCount"] = promptTokenCount,
            ["responseTokenCount"] = responseTokenCount,
            ["totalTokenCount"] = totalTokenCount ?? (promptTokenCount + responseTokenCount),
        });

    /// <summary>A message built from a JSON object, for anything the factories do not cover.</summary>
    /// <param name="message">The whole message, for example <c>{"voiceActivity": {"type": "ACTIVITY_START"}}</c>.</param>
    /// <returns>The message.</returns>
    public static ServerMessage FromJson(JsonObject message) => new((JsonObject)message.DeepClone());

    /// <summary>A frame sent exactly as given (no re-indenting): any JSON, valid or not, with unknown fields or several keys.</summary>
    /// <param name="payload">The frame's text.</param>
    /// <returns>The message.</returns>
    public static ServerMessage Raw(string payload) => new(Encoding.UTF8.GetBytes(payload));

    /// <summary>A frame whose payload is not JSON; the JavaScript client skips such a frame with an unhandled rejection.</summary>
    /// <param name="payload">The payload.</param>
    /// <returns>The message.</returns>
    public static ServerMessage Malformed(string payload = "this is not JSON {") => Raw(payload);

    /// <summary>
    /// A message carrying the keys of both messages, as the service combines them (for example
    /// <c>serverContent</c> with <c>usageMetadata</c>). <c>serverContent</c> bodies are merged field by field.
    /// </summary>
    /// <param name="other">The message whose keys to add.</param>
    /// <returns>A new message.</returns>
    /// <exception cref="InvalidOperationException">Either message is verbatim.</exception>
    public ServerMessage With(ServerMessage other)
    {
        if (_json is null || other._json is null)
        {
            throw new InvalidOperationException("Raw and malformed messages cannot be combined.");
        }

        var merged = (JsonObject)_json.DeepClone();
        foreach (KeyValuePair<string, JsonNode?> property in other._json)
        {
            if (merged[property.Key] is JsonObject mine && property.Value is JsonObject theirs)
            {
                foreach (KeyValuePair<string, JsonNode?> inner in theirs)
                {
                    mine[inner.Key] = inner.Value?.DeepClone();
                }
            }
            else
            {
                merged[property.Key] = property.Value?.DeepClone();
            }
        }

        return new ServerMessage(merged);
    }

    /// <summary>The frame's text as it would be sent compact.</summary>
    /// <returns>The JSON (or the verbatim payload).</returns>
    public override string ToString() => Encoding.UTF8.GetString(ToUtf8(indented: false));

    /// <summary>Formats a duration as protobuf JSON does: seconds with up to nine decimals, then <c>s</c>.</summary>
    internal static string FormatDuration(TimeSpan value) =>
        ((decimal)value.Ticks / TimeSpan.TicksPerSecond).ToString("0.#########", CultureInfo.InvariantCulture) + "s";

    /// <summary>The bytes to put on the wire.</summary>
    internal byte[] ToUtf8(bool indented)
    {
        if (_verbatim is not null)
        {
            return _verbatim;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? s_indented : s_compact))
        {
            _json!.WriteTo(writer);
        }

        if (indented)
        {
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    internal static IEnumerable<string> SplitText(string text, int chunks)
    {
        chunks = Math.Clamp(chunks, 1, Math.Max(1, text.Length));
        int start = 0;
        for (int i = 1; i <= chunks; i++)
        {
            int end = (int)((long)text.Length * i / chunks);

            // Keep surrogate pairs together.
            if (end < text.Length && end > start && char.IsHighSurrogate(text[end - 1]))
            {
                end++;
            }

            if (end > start || text.Length == 0)
            {
                yield return text[start..end];
            }

            start = end;
        }
    }

    internal static List<ReadOnlyMemory<byte>> SplitAudio(ReadOnlyMemory<byte> pcm, int chunks)
    {
        chunks = Math.Clamp(chunks, 1, Math.Max(1, pcm.Length / 2));
        var slices = new List<ReadOnlyMemory<byte>>(chunks);
        int start = 0;
        for (int i = 1; i <= chunks; i++)
        {
            int end = i == chunks ? pcm.Length : (int)((long)pcm.Length * i / chunks) & ~1;
            if (end > start || pcm.Length == 0)
            {
                slices.Add(pcm[start..end]);
            }

            start = end;
        }

        return slices;
    }

    private static JsonElement ToElement(JsonObject node)
    {
        using JsonDocument document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }

    private static ServerMessage Wrap(string key, JsonObject body) => new(new JsonObject { [key] = body });

    private static ServerMessage ServerContent(JsonObject body) => Wrap("serverContent", body);

    private static JsonObject Parts(JsonObject part) => new() { ["parts"] = new JsonArray(part) };

    private static JsonObject Transcription(string text, bool? finished)
    {
        var body = new JsonObject { ["text"] = text };
        if (finished is { } f)
        {
            body["finished"] = f;
        }

        return body;
    }
}
