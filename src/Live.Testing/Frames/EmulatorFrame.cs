using System.Text;
using System.Text.Json;

namespace Live.Testing;

/// <summary>
/// A WebSocket frame the emulator recorded, in either direction: its payload, when and on which connection it
/// travelled, and typed views of the Live API message it carries.
/// </summary>
/// <remarks>
/// A frame whose payload is not JSON (for example one sent by <see cref="ServerMessage.Malformed"/>) has
/// <see cref="IsJson"/> false and <c>default</c> <see cref="Json"/>. Close frames are recorded too
/// (<see cref="IsClose"/>), in both directions.
/// </remarks>
public sealed class EmulatorFrame
{
    private readonly JsonDocument? _document;
    private string? _text;
    private IReadOnlyList<ReceivedFunctionResponse>? _functionResponses;

    internal EmulatorFrame(
        long sequence,
        int connection,
        FrameDirection direction,
        DateTimeOffset timestamp,
        TimeSpan elapsed,
        bool isBinary,
        ReadOnlyMemory<byte> payload,
        JsonDocument? document)
    {
        Sequence = sequence;
        Connection = connection;
        Direction = direction;
        Timestamp = timestamp;
        Elapsed = elapsed;
        IsBinary = isBinary;
        PayloadBytes = payload;
        _document = document;
        if (document is { RootElement.ValueKind: JsonValueKind.Object } && document.RootElement.EnumerateObject().Any())
        {
            JsonProperty first = document.RootElement.EnumerateObject().First();
            MessageType = ProtocolNames.ToCamelCase(first.Name);
            Body = first.Value;
            if (direction == FrameDirection.ClientToServer)
            {
                Kind = MessageType switch
                {
                    "setup" => ClientMessageKind.Setup,
                    "clientContent" => ClientMessageKind.ClientContent,
                    "realtimeInput" => ClientMessageKind.RealtimeInput,
                    "toolResponse" => ClientMessageKind.ToolResponse,
                    "contextUpdate" => ClientMessageKind.ContextUpdate,
                    _ => ClientMessageKind.None,
                };
            }
        }
    }

    internal EmulatorFrame(
        long sequence,
        int connection,
        FrameDirection direction,
        DateTimeOffset timestamp,
        TimeSpan elapsed,
        int? closeStatus,
        string? closeReason)
    {
        Sequence = sequence;
        Connection = connection;
        Direction = direction;
        Timestamp = timestamp;
        Elapsed = elapsed;
        IsClose = true;
        CloseStatus = closeStatus;
        CloseReason = closeReason;
    }

    /// <summary>The order in which the emulator recorded this frame among all frames of its lifetime, from 1.</summary>
    public long Sequence { get; }

    /// <summary>The number of the connection the frame travelled on, from 1 in the order the connections arrived.</summary>
    public int Connection { get; }

    /// <summary>Which way the frame travelled.</summary>
    public FrameDirection Direction { get; }

    /// <summary>When the frame was received (client frames) or sent (server frames).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The time since the emulator started.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Whether the frame was a binary frame (else a text or close frame).</summary>
    public bool IsBinary { get; }

    /// <summary>Whether this is a close frame.</summary>
    public bool IsClose { get; }

    /// <summary>
    /// The close status of a close frame; null for other frames. A client close frame without a status (what the
    /// JavaScript client sends) is reported as 1000, as the .NET WebSocket stack reads it.
    /// </summary>
    public int? CloseStatus { get; }

    /// <summary>The close reason of a close frame.</summary>
    public string? CloseReason { get; }

    /// <summary>The payload bytes (empty for close frames).</summary>
    public ReadOnlyMemory<byte> PayloadBytes { get; }

    /// <summary>The payload decoded as UTF-8.</summary>
    public string Payload => Encoding.UTF8.GetString(PayloadBytes.Span);

    /// <summary>Whether the payload parsed as JSON.</summary>
    public bool IsJson => _document is not null;

    /// <summary>The parsed payload; <c>default</c> when it is not JSON.</summary>
    public JsonElement Json => _document?.RootElement ?? default;

    /// <summary>
    /// The top-level key of the message in lowerCamelCase (<c>setup</c>, <c>clientContent</c>, <c>serverContent</c>,
    /// <c>toolCall</c>…), the first one when a server frame carries several; null when there is none.
    /// </summary>
    public string? MessageType { get; }

    /// <summary>The kind of a client message; <see cref="ClientMessageKind.None"/> for server frames.</summary>
    public ClientMessageKind Kind { get; }

    /// <summary>The value under <see cref="MessageType"/>, for example the <c>clientContent</c> object.</summary>
    public JsonElement Body { get; }

    /// <summary>
    /// The text the frame carries, concatenated: the text parts of <c>clientContent.turns</c>, <c>realtimeInput.text</c>,
    /// or the non-thought text parts of <c>serverContent.modelTurn</c>. Empty when there is none.
    /// </summary>
    public string Text => _text ??= ComputeText();

    /// <summary>Whether the frame says its turn is complete (<c>clientContent.turnComplete</c> or <c>serverContent.turnComplete</c>).</summary>
    public bool TurnComplete => MessageType is "clientContent" or "serverContent" && JsonFields.GetBool(Body, "turnComplete");

    /// <summary>The function responses of a <c>toolResponse</c> frame (empty for other frames).</summary>
    public IReadOnlyList<ReceivedFunctionResponse> FunctionResponses => _functionResponses ??= Kind == ClientMessageKind.ToolResponse
        ? JsonFields.GetArray(Body, "functionResponses").Select(e => new ReceivedFunctionResponse(e)).ToArray()
        : [];

    /// <summary>The function calls of a <c>toolCall</c> frame the emulator sent (empty for other frames).</summary>
    public IReadOnlyList<FunctionCall> FunctionCalls => MessageType == "toolCall"
        ? JsonFields.GetArray(Body, "functionCalls").Select(e => new FunctionCall
        {
            Id = JsonFields.GetString(e, "id"),
            Name = JsonFields.GetString(e, "name"),
            Args = JsonFields.TryGet(e, "args", out JsonElement args) ? args : null,
        }).ToArray()
        : [];

    /// <summary>
    /// The audio the frame carries, decoded: <c>realtimeInput.audio</c> (or <c>audio/*</c> <c>mediaChunks</c>) from the
    /// client, <c>audio/*</c> inline data of <c>serverContent.modelTurn</c> from the emulator. Empty when there is none.
    /// </summary>
    public byte[] Audio
    {
        get
        {
            IEnumerable<JsonElement> blobs = MessageType switch
            {
                "realtimeInput" => (JsonFields.TryGet(Body, "audio", out JsonElement audio) ? [audio] : Array.Empty<JsonElement>())
                    .Concat(JsonFields.GetArray(Body, "mediaChunks")),
                "serverContent" => ModelParts().Select(p => JsonFields.TryGet(p, "inlineData", out JsonElement d) ? d : default),
                _ => [],
            };

            using var buffer = new MemoryStream();
            foreach (JsonElement blob in blobs)
            {
                if (blob.ValueKind == JsonValueKind.Object
                    && (JsonFields.GetString(blob, "mimeType")?.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ?? false)
                    && JsonFields.GetString(blob, "data") is { } data
                    && Base64Text.TryDecode(data, out byte[] bytes))
                {
                    buffer.Write(bytes);
                }
            }

            return buffer.ToArray();
        }
    }

    /// <summary>
    /// The function response with this call id.
    /// </summary>
    /// <param name="id">The id of the function call answered.</param>
    /// <returns>The response.</returns>
    /// <exception cref="KeyNotFoundException">The frame carries no response with that id.</exception>
    public ReceivedFunctionResponse ToolResponse(string id) =>
        FunctionResponses.FirstOrDefault(r => r.Id == id)
        ?? throw new KeyNotFoundException($"Frame {Sequence} ({MessageType ?? "no message"}) has no function response with id \"{id}\".");

    /// <summary>The first function response for this function name.</summary>
    /// <param name="functionName">The function's name.</param>
    /// <returns>The response.</returns>
    /// <exception cref="KeyNotFoundException">The frame carries no response for that function.</exception>
    public ReceivedFunctionResponse ToolResponseFor(string functionName) =>
        FunctionResponses.FirstOrDefault(r => r.Name == functionName)
        ?? throw new KeyNotFoundException($"Frame {Sequence} ({MessageType ?? "no message"}) has no function response for \"{functionName}\".");

    /// <summary>Whether the frame carries a message under this top-level key (lowerCamelCase or snake_case).</summary>
    /// <param name="messageType">For example <c>goAway</c>.</param>
    /// <returns>True when present.</returns>
    public bool Has(string messageType) => JsonFields.TryGet(Json, ProtocolNames.ToCamelCase(messageType), out _);

    /// <inheritdoc />
    public override string ToString()
    {
        string arrow = Direction == FrameDirection.ClientToServer ? "client→emulator" : "emulator→client";
        if (IsClose)
        {
            return $"#{Sequence} conn {Connection} {arrow} close {CloseStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(no status)"} {CloseReason}";
        }

        string payload = Payload.ReplaceLineEndings(" ");
        if (payload.Length > 160)
        {
            payload = string.Concat(payload.AsSpan(0, 160), "…");
        }

        return $"#{Sequence} conn {Connection} {arrow} {(IsBinary ? "binary" : "text")} {payload}";
    }

    private IEnumerable<JsonElement> ModelParts() =>
        JsonFields.TryGet(Body, "modelTurn", out JsonElement turn) ? JsonFields.GetArray(turn, "parts") : [];

    private string ComputeText()
    {
        var builder = new StringBuilder();
        switch (MessageType)
        {
            case "clientContent":
                foreach (JsonElement turn in JsonFields.GetArray(Body, "turns"))
                {
                    foreach (JsonElement part in JsonFields.GetArray(turn, "parts"))
                    {
                        builder.Append(JsonFields.GetString(part, "text"));
                    }
                }

                break;
            case "realtimeInput":
                builder.Append(JsonFields.GetString(Body, "text"));
                break;
            case "serverContent":
                foreach (JsonElement part in ModelParts())
                {
                    if (!JsonFields.GetBool(part, "thought"))
                    {
                        builder.Append(JsonFields.GetString(part, "text"));
                    }
                }

                break;
        }

        return builder.ToString();
    }
}
