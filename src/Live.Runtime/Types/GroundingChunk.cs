using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>One source an answer was grounded on.</summary>
public sealed class GroundingChunk
{
    /// <summary>A web page.</summary>
    [JsonPropertyName("web")]
    public GroundingChunkWeb? Web { get; set; }

    /// <summary>Other kinds of source, by wire name, as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
