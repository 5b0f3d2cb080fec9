using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>Voice activity detected in the input. Vertex AI's <c>type</c> is read into <see cref="VoiceActivityType"/>.</summary>
public sealed class VoiceActivity
{
    /// <summary>Whether activity started or ended.</summary>
    [JsonPropertyName("voiceActivityType")]
    public VoiceActivityType? VoiceActivityType { get; set; }

    /// <summary>Where in the input audio the activity happened, as the wire writes it (a protobuf Duration).</summary>
    [JsonPropertyName("audioOffset")]
    public string? AudioOffset { get; set; }

    /// <summary><see cref="AudioOffset"/> as a <see cref="TimeSpan"/>; null when absent or unreadable.</summary>
    [JsonIgnore]
    public TimeSpan? AudioOffsetDuration => ProtoDuration.TryParse(AudioOffset, out TimeSpan value) ? value : null;

    /// <summary>Vertex AI's name of <see cref="VoiceActivityType"/>; read only.</summary>
    [JsonInclude]
    [JsonPropertyName("type")]
    internal VoiceActivityType? Type
    {
        get => null;
        set => VoiceActivityType ??= value;
    }
}
