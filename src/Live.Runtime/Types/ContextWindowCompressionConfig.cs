using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>Compression of the context window, so a session can outlast the model's context length.</summary>
public sealed class ContextWindowCompressionConfig
{
    /// <summary>The context size, in tokens, that triggers compression (an int64, written as a string).</summary>
    [JsonPropertyName("triggerTokens")]
    [JsonConverter(typeof(Int64StringConverter))]
    public long? TriggerTokens { get; set; }

    /// <summary>Sliding-window compression: the oldest turns are dropped.</summary>
    [JsonPropertyName("slidingWindow")]
    public SlidingWindow? SlidingWindow { get; set; }
}
