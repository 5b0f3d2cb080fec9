using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>
/// Content the model generated, streamed as many partial messages, and the signals of a turn
/// (<see cref="GenerationComplete"/>, <see cref="TurnComplete"/>, <see cref="Interrupted"/>).
/// </summary>
public sealed class LiveServerContent
{
    /// <summary>Part of the model's turn (text, audio, …).</summary>
    [JsonPropertyName("modelTurn")]
    public Content? ModelTurn { get; set; }

    /// <summary>True when the model's turn is complete; the service now waits for input.</summary>
    [JsonPropertyName("turnComplete")]
    public bool? TurnComplete { get; set; }

    /// <summary>True when user activity interrupted the model: stop playback and drop queued audio.</summary>
    [JsonPropertyName("interrupted")]
    public bool? Interrupted { get; set; }

    /// <summary>Sources the answer was grounded on (with Google Search).</summary>
    [JsonPropertyName("groundingMetadata")]
    public GroundingMetadata? GroundingMetadata { get; set; }

    /// <summary>True when the model finished generating (it may still be playing out); <see cref="TurnComplete"/> follows.</summary>
    [JsonPropertyName("generationComplete")]
    public bool? GenerationComplete { get; set; }

    /// <summary>Transcript of the user's audio (needs <see cref="LiveConnectConfig.InputAudioTranscription"/>).</summary>
    [JsonPropertyName("inputTranscription")]
    public Transcription? InputTranscription { get; set; }

    /// <summary>Transcript of the model's audio (needs <see cref="LiveConnectConfig.OutputAudioTranscription"/>).</summary>
    [JsonPropertyName("outputTranscription")]
    public Transcription? OutputTranscription { get; set; }

    /// <summary>An interim (not yet final) transcript of the user's audio.</summary>
    [JsonPropertyName("interimInputTranscription")]
    public Transcription? InterimInputTranscription { get; set; }

    /// <summary>Metadata of URLs read with the URL context tool.</summary>
    [JsonPropertyName("urlContextMetadata")]
    public UrlContextMetadata? UrlContextMetadata { get; set; }

    /// <summary>Why the turn ended, when the service says.</summary>
    [JsonPropertyName("turnCompleteReason")]
    public TurnCompleteReason? TurnCompleteReason { get; set; }

    /// <summary>True when the model waits for more input.</summary>
    [JsonPropertyName("waitingForInput")]
    public bool? WaitingForInput { get; set; }

    /// <summary>
    /// Where the model is in the user's request: <see cref="Live.InteractionStatus.InProgress"/> while it still works in
    /// the background (tools, reasoning), <see cref="Live.InteractionStatus.Idle"/> when the request is done. On models
    /// that send it, wait for <see cref="Live.InteractionStatus.Idle"/> (not <see cref="TurnComplete"/>) before treating a
    /// request as answered. Null when the model does not send it.
    /// </summary>
    [JsonPropertyName("interactionStatus")]
    public InteractionStatus? InteractionStatus { get; set; }

    /// <summary>
    /// Whether the request is done: <see cref="InteractionStatus"/> is <see cref="Live.InteractionStatus.Idle"/> (or the
    /// deprecated <c>REQUIRES_ACTION</c>), or, from a model that does not send it, the turn is complete.
    /// </summary>
    [JsonIgnore]
    public bool IsInteractionIdle =>
#pragma warning disable CS0618 // REQUIRES_ACTION reads as IDLE.
        InteractionStatus is Live.InteractionStatus.Idle or Live.InteractionStatus.RequiresAction
#pragma warning restore CS0618
        || (InteractionStatus is null && TurnComplete == true);

    /// <summary>Other members not typed here, by wire name, as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
