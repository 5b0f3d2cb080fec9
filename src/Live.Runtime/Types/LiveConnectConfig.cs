using System.Text.Json;

namespace Live;

/// <summary>
/// The configuration of a Live session, sent in its <c>setup</c> message. The sampling and output fields
/// (<see cref="ResponseModalities"/>, <see cref="Temperature"/>, <see cref="SpeechConfig"/>, …) are sent under
/// <c>setup.generationConfig</c>; the others directly under <c>setup</c>.
/// </summary>
/// <remarks>
/// The older <see cref="GenerationConfig"/> still works: its fields are sent as given and the flat fields are merged
/// into it. Setting the same field in both places with different values is an error (<see cref="ArgumentException"/>
/// from <see cref="AsyncLive.ConnectAsync"/>, before anything is sent).
/// </remarks>
public sealed class LiveConnectConfig
{
    /// <summary>The older, nested form of the generation fields. Prefer the flat fields of this class.</summary>
    public GenerationConfig? GenerationConfig { get; set; }

    /// <summary>The modalities the model answers with: <see cref="Modality.Text"/> or <see cref="Modality.Audio"/>.</summary>
    public IList<Modality>? ResponseModalities { get; set; }

    /// <summary>Randomness of sampling.</summary>
    public double? Temperature { get; set; }

    /// <summary>Nucleus sampling: the cumulative probability of the tokens considered.</summary>
    public double? TopP { get; set; }

    /// <summary>Top-k sampling: the number of most likely tokens considered.</summary>
    public int? TopK { get; set; }

    /// <summary>The largest number of tokens in one answer.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>The resolution at which images and video are read.</summary>
    public MediaResolution? MediaResolution { get; set; }

    /// <summary>A seed for sampling.</summary>
    public int? Seed { get; set; }

    /// <summary>The voice and language of spoken answers.</summary>
    public SpeechConfig? SpeechConfig { get; set; }

    /// <summary>Thinking settings.</summary>
    public ThinkingConfig? ThinkingConfig { get; set; }

    /// <summary>Whether the model adapts its tone to the user's.</summary>
    public bool? EnableAffectiveDialog { get; set; }

    /// <summary>
    /// The system instruction. A plain string converts to a user <see cref="Content"/> holding it (as the official
    /// clients send it); a <see cref="Content"/> is sent as given.
    /// </summary>
    public Content? SystemInstruction { get; set; }

    /// <summary>The tools the model may use: function declarations, Google Search, code execution, …</summary>
    public IList<Tool>? Tools { get; set; }

    /// <summary>Session resumption; an empty object turns on resumption updates.</summary>
    public SessionResumptionConfig? SessionResumption { get; set; }

    /// <summary>Turns on transcription of the user's audio (<see cref="LiveServerContent.InputTranscription"/>).</summary>
    public AudioTranscriptionConfig? InputAudioTranscription { get; set; }

    /// <summary>Turns on transcription of the model's audio (<see cref="LiveServerContent.OutputTranscription"/>).</summary>
    public AudioTranscriptionConfig? OutputAudioTranscription { get; set; }

    /// <summary>How realtime input is handled: activity detection, interruptions, turns.</summary>
    public RealtimeInputConfig? RealtimeInputConfig { get; set; }

    /// <summary>Context window compression, so a session can outlast the context length.</summary>
    public ContextWindowCompressionConfig? ContextWindowCompression { get; set; }

    /// <summary>Proactivity settings.</summary>
    public ProactivityConfig? Proactivity { get; set; }

    /// <summary>Whether the service sends explicit voice-activity signals (Vertex AI only).</summary>
    public bool? ExplicitVadSignal { get; set; }

    /// <summary>
    /// Further <c>setup</c> fields (for example <c>safetySettings</c>, <c>avatarConfig</c>, <c>historyConfig</c>),
    /// sent as given by wire name.
    /// </summary>
    public IDictionary<string, JsonElement>? AdditionalSetupProperties { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        $"LiveConnectConfig ({Tools?.Count ?? 0} tool(s){(ResponseModalities is { Count: > 0 } m ? ", " + string.Join("/", m) : string.Empty)})";
}
