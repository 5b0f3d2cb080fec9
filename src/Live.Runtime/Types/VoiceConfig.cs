using System.Text.Json.Serialization;

namespace Live;

/// <summary>A voice for spoken answers.</summary>
public sealed class VoiceConfig
{
    /// <summary>One of the service's prebuilt voices.</summary>
    [JsonPropertyName("prebuiltVoiceConfig")]
    public PrebuiltVoiceConfig? PrebuiltVoiceConfig { get; set; }
}
