using System.Text.Json.Serialization;

namespace Live;

/// <summary>Proactivity: whether the model may choose not to answer, or to speak up unprompted.</summary>
public sealed class ProactivityConfig
{
    /// <summary>Whether the model may ignore input that is not meant for it (proactive audio).</summary>
    [JsonPropertyName("proactiveAudio")]
    public bool? ProactiveAudio { get; set; }
}
