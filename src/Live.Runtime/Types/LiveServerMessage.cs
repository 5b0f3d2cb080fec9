using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>
/// One message from the Live API. Usually one member is set, but a message may carry several
/// (for example <see cref="ServerContent"/> with <see cref="UsageMetadata"/>). Unknown members are kept in
/// <see cref="AdditionalProperties"/>.
/// </summary>
public sealed class LiveServerMessage
{
    private ReadOnlyMemory<byte>? _data;

    /// <summary>The answer to <c>setup</c>: the session is ready.</summary>
    [JsonPropertyName("setupComplete")]
    public LiveServerSetupComplete? SetupComplete { get; set; }

    /// <summary>Content the model generated, and turn signals.</summary>
    [JsonPropertyName("serverContent")]
    public LiveServerContent? ServerContent { get; set; }

    /// <summary>Function calls the client must answer with a tool response.</summary>
    [JsonPropertyName("toolCall")]
    public LiveServerToolCall? ToolCall { get; set; }

    /// <summary>Earlier function calls that should not be executed after all.</summary>
    [JsonPropertyName("toolCallCancellation")]
    public LiveServerToolCallCancellation? ToolCallCancellation { get; set; }

    /// <summary>Token usage so far.</summary>
    [JsonPropertyName("usageMetadata")]
    public UsageMetadata? UsageMetadata { get; set; }

    /// <summary>The service will close the connection soon.</summary>
    [JsonPropertyName("goAway")]
    public LiveServerGoAway? GoAway { get; set; }

    /// <summary>A new handle to resume the session with.</summary>
    [JsonPropertyName("sessionResumptionUpdate")]
    public LiveServerSessionResumptionUpdate? SessionResumptionUpdate { get; set; }

    /// <summary>Voice activity detected in the input.</summary>
    [JsonPropertyName("voiceActivity")]
    public VoiceActivity? VoiceActivity { get; set; }

    /// <summary>A voice activity detection signal (Vertex AI, with <see cref="LiveConnectConfig.ExplicitVadSignal"/>), as received.</summary>
    [JsonPropertyName("voiceActivityDetectionSignal")]
    public JsonElement? VoiceActivityDetectionSignal { get; set; }

    /// <summary>Members this client does not know, by wire name, as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>
    /// The text of this message: the non-thought text parts of <see cref="LiveServerContent.ModelTurn"/>, concatenated;
    /// null when there is none. Like the official clients' <c>text</c> getter.
    /// </summary>
    [JsonIgnore]
    public string? Text
    {
        get
        {
            if (ServerContent?.ModelTurn?.Parts is not { } parts)
            {
                return null;
            }

            StringBuilder? text = null;
            foreach (Part part in parts)
            {
                if (part?.Text is null || part.Thought == true)
                {
                    continue;
                }

                (text ??= new StringBuilder()).Append(part.Text);
            }

            return text?.ToString();
        }
    }

    /// <summary>
    /// The inline data of this message (for example the model's audio): the bytes of every
    /// <see cref="Part.InlineData"/> of <see cref="LiveServerContent.ModelTurn"/>, concatenated; null when there are none.
    /// Like the official clients' <c>data</c> getter, which returns the same bytes as base64.
    /// </summary>
    /// <remarks>
    /// No copy when the turn holds one inline part (the usual audio chunk): the part's own bytes are returned. Several
    /// parts are concatenated on the first read and that buffer is returned by every later read, so reading is cheap;
    /// it reflects <see cref="ServerContent"/> as it was at the first read.
    /// </remarks>
    [JsonIgnore]
    public ReadOnlyMemory<byte>? Data
    {
        get
        {
            // Typed as nullable on purpose: "cond ? null : memory" would convert null to an empty memory (through T[]).
            ReadOnlyMemory<byte> data = _data ??= ConcatenateInlineData();
            return data.IsEmpty ? default(ReadOnlyMemory<byte>?) : data;
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var kinds = new List<string>();
        if (SetupComplete is not null)
        {
            kinds.Add("setupComplete");
        }

        if (ServerContent is not null)
        {
            kinds.Add("serverContent");
        }

        if (ToolCall is not null)
        {
            kinds.Add("toolCall");
        }

        if (ToolCallCancellation is not null)
        {
            kinds.Add("toolCallCancellation");
        }

        if (UsageMetadata is not null)
        {
            kinds.Add("usageMetadata");
        }

        if (GoAway is not null)
        {
            kinds.Add("goAway");
        }

        if (SessionResumptionUpdate is not null)
        {
            kinds.Add("sessionResumptionUpdate");
        }

        if (VoiceActivity is not null)
        {
            kinds.Add("voiceActivity");
        }

        if (VoiceActivityDetectionSignal is not null)
        {
            kinds.Add("voiceActivityDetectionSignal");
        }

        if (AdditionalProperties is { Count: > 0 } extra)
        {
            kinds.AddRange(extra.Keys);
        }

        return "LiveServerMessage " + (kinds.Count == 0 ? "(empty)" : string.Join(", ", kinds));
    }

    /// <summary>Drops the cached <see cref="Data"/> (its bytes were pooled and have been given back).</summary>
    internal void ForgetInlineData() => _data = null;

    private ReadOnlyMemory<byte> ConcatenateInlineData()
    {
        if (ServerContent?.ModelTurn?.Parts is not { } parts)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        int length = 0;
        int withData = 0;
        ReadOnlyMemory<byte> single = ReadOnlyMemory<byte>.Empty;
        foreach (Part part in parts)
        {
            if (part?.InlineData is { } blob && !blob.Data.IsEmpty)
            {
                length += blob.Data.Length;
                withData++;
                single = blob.Data;
            }
        }

        if (withData <= 1)
        {
            return single;
        }

        byte[] data = new byte[length];
        int offset = 0;
        foreach (Part part in parts)
        {
            if (part?.InlineData is { } blob)
            {
                blob.Data.Span.CopyTo(data.AsSpan(offset));
                offset += blob.Data.Length;
            }
        }

        return data;
    }
}
