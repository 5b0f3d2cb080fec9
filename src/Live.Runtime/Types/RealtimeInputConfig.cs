using System.Text.Json.Serialization;

namespace Live;

/// <summary>How realtime input (audio, video, text) is handled: activity detection, interruptions, turns.</summary>
public sealed class RealtimeInputConfig
{
    /// <summary>Automatic activity (voice) detection settings; set <see cref="AutomaticActivityDetection.Disabled"/> to signal activity yourself.</summary>
    [JsonPropertyName("automaticActivityDetection")]
    public AutomaticActivityDetection? AutomaticActivityDetection { get; set; }

    /// <summary>What user activity does to the model's current answer.</summary>
    [JsonPropertyName("activityHandling")]
    public ActivityHandling? ActivityHandling { get; set; }

    /// <summary>Which input a user turn includes.</summary>
    [JsonPropertyName("turnCoverage")]
    public TurnCoverage? TurnCoverage { get; set; }
}
