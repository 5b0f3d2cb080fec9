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

    /// <summary>Other members (for example <c>interactionStatus</c>), by wire name, as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
