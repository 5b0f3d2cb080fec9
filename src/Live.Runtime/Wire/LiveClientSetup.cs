using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live.Wire;

/// <summary>The <c>setup</c> message, as sent.</summary>
internal sealed class LiveClientSetup
{
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("generationConfig")]
    public GenerationConfig? GenerationConfig { get; set; }

    [JsonPropertyName("systemInstruction")]
    public Content? SystemInstruction { get; set; }

    [JsonPropertyName("tools")]
    public IList<Tool>? Tools { get; set; }

    [JsonPropertyName("realtimeInputConfig")]
    public RealtimeInputConfig? RealtimeInputConfig { get; set; }

    [JsonPropertyName("sessionResumption")]
    public SessionResumptionConfig? SessionResumption { get; set; }

    [JsonPropertyName("contextWindowCompression")]
    public ContextWindowCompressionConfig? ContextWindowCompression { get; set; }

    [JsonPropertyName("inputAudioTranscription")]
    public AudioTranscriptionConfig? InputAudioTranscription { get; set; }

    [JsonPropertyName("outputAudioTranscription")]
    public AudioTranscriptionConfig? OutputAudioTranscription { get; set; }

    [JsonPropertyName("proactivity")]
    public ProactivityConfig? Proactivity { get; set; }

    [JsonPropertyName("explicitVadSignal")]
    public bool? ExplicitVadSignal { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
