using System.Text.Json.Serialization;

namespace Live.Wire;

/// <summary>The <c>realtimeInput</c> message.</summary>
internal sealed class LiveClientRealtimeInput
{
    [JsonPropertyName("mediaChunks")]
    public IList<Blob>? MediaChunks { get; set; }

    [JsonPropertyName("audio")]
    public Blob? Audio { get; set; }

    [JsonPropertyName("video")]
    public Blob? Video { get; set; }

    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("activityStart")]
    public ActivityStart? ActivityStart { get; set; }

    [JsonPropertyName("activityEnd")]
    public ActivityEnd? ActivityEnd { get; set; }

    [JsonPropertyName("audioStreamEnd")]
    public bool? AudioStreamEnd { get; set; }
}
