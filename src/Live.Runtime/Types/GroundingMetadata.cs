using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>Sources an answer was grounded on (with Google Search).</summary>
public sealed class GroundingMetadata
{
    /// <summary>The web searches the model made.</summary>
    [JsonPropertyName("webSearchQueries")]
    public IList<string>? WebSearchQueries { get; set; }

    /// <summary>The sources.</summary>
    [JsonPropertyName("groundingChunks")]
    public IList<GroundingChunk>? GroundingChunks { get; set; }

    /// <summary>Other members (for example <c>groundingSupports</c>, <c>searchEntryPoint</c>), by wire name, as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
