using System.Text.Json.Serialization;

namespace Live;

/// <summary>The voice and language of spoken answers.</summary>
public sealed class SpeechConfig
{
    /// <summary>The voice.</summary>
    [JsonPropertyName("voiceConfig")]
    public VoiceConfig? VoiceConfig { get; set; }

    /// <summary>The language, as a BCP-47 code such as <c>en-US</c>.</summary>
    [JsonPropertyName("languageCode")]
    public string? LanguageCode { get; set; }
}
