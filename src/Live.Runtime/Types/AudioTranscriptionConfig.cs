using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>Turns on transcription of input or output audio; an empty object uses the defaults.</summary>
public sealed class AudioTranscriptionConfig
{
    /// <summary>The languages expected in the audio, as BCP-47 codes.</summary>
    [JsonPropertyName("languageCodes")]
    public IList<string>? LanguageCodes { get; set; }

    /// <summary>Other transcription settings, sent as given by wire name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
