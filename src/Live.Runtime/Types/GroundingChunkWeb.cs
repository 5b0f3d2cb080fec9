using System.Text.Json.Serialization;

namespace Live;

/// <summary>A web page an answer was grounded on.</summary>
public sealed class GroundingChunkWeb
{
    /// <summary>The page's URI.</summary>
    [JsonPropertyName("uri")]
    public string? Uri { get; set; }

    /// <summary>The page's title.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>The page's domain.</summary>
    [JsonPropertyName("domain")]
    public string? Domain { get; set; }
}
