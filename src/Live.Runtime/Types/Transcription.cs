using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>A piece of a transcript of audio.</summary>
public sealed class Transcription
{
    /// <summary>The transcribed text.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>True when this transcript is final.</summary>
    [JsonPropertyName("finished")]
    public bool? Finished { get; set; }

    /// <summary>Other members, by wire name, as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
