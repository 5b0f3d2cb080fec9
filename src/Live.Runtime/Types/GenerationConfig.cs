using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>
/// How the model generates: sampling, output modalities, voice, thinking. Sent as <c>setup.generationConfig</c>.
/// Prefer the same fields directly on <see cref="LiveConnectConfig"/>; <see cref="LiveConnectConfig.GenerationConfig"/> is the older form.
/// </summary>
public sealed class GenerationConfig
{
    /// <summary>The modalities the model answers with (<see cref="Modality.Text"/> or <see cref="Modality.Audio"/>).</summary>
    [JsonPropertyName("responseModalities")]
    public IList<Modality>? ResponseModalities { get; set; }

    /// <summary>Randomness of sampling, from 0 (deterministic) upwards.</summary>
    [JsonPropertyName("temperature")]
    public double? Temperature { get; set; }

    /// <summary>Nucleus sampling: the cumulative probability of the tokens considered.</summary>
    [JsonPropertyName("topP")]
    public double? TopP { get; set; }

    /// <summary>Top-k sampling: the number of most likely tokens considered.</summary>
    [JsonPropertyName("topK")]
    public int? TopK { get; set; }

    /// <summary>The largest number of tokens in one answer.</summary>
    [JsonPropertyName("maxOutputTokens")]
    public int? MaxOutputTokens { get; set; }

    /// <summary>The number of answers to generate (the Live API supports 1).</summary>
    [JsonPropertyName("candidateCount")]
    public int? CandidateCount { get; set; }

    /// <summary>A seed for sampling, for more repeatable answers.</summary>
    [JsonPropertyName("seed")]
    public int? Seed { get; set; }

    /// <summary>The resolution at which images and video are read.</summary>
    [JsonPropertyName("mediaResolution")]
    public MediaResolution? MediaResolution { get; set; }

    /// <summary>The voice and language of spoken answers.</summary>
    [JsonPropertyName("speechConfig")]
    public SpeechConfig? SpeechConfig { get; set; }

    /// <summary>Thinking settings.</summary>
    [JsonPropertyName("thinkingConfig")]
    public ThinkingConfig? ThinkingConfig { get; set; }

    /// <summary>Whether the model adapts its tone to the user's (affective dialog).</summary>
    [JsonPropertyName("enableAffectiveDialog")]
    public bool? EnableAffectiveDialog { get; set; }

    /// <summary>Other generation fields (for example <c>translationConfig</c>, <c>presencePenalty</c>), sent as given by wire name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
