using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>Sliding-window context compression.</summary>
public sealed class SlidingWindow
{
    /// <summary>The context size, in tokens, to keep after compression (an int64, written as a string).</summary>
    [JsonPropertyName("targetTokens")]
    [JsonConverter(typeof(Int64StringConverter))]
    public long? TargetTokens { get; set; }
}
