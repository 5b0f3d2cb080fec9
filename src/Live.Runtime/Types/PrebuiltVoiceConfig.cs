using System.Text.Json.Serialization;

namespace Live;

/// <summary>A prebuilt voice, by name.</summary>
public sealed class PrebuiltVoiceConfig
{
    /// <summary>The voice's name, for example <c>Aoede</c>, <c>Charon</c>, <c>Kore</c> or <c>Puck</c>.</summary>
    [JsonPropertyName("voiceName")]
    public string? VoiceName { get; set; }
}
