using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>Metadata of the URLs read with the URL context tool.</summary>
public sealed class UrlContextMetadata
{
    /// <summary>One entry per URL.</summary>
    [JsonPropertyName("urlMetadata")]
    public IList<UrlMetadata>? UrlMetadata { get; set; }

    /// <summary>Other members, by wire name, as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
