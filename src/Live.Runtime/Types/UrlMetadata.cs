using System.Text.Json.Serialization;

namespace Live;

/// <summary>Whether one URL could be read with the URL context tool.</summary>
public sealed class UrlMetadata
{
    /// <summary>The URL that was read.</summary>
    [JsonPropertyName("retrievedUrl")]
    public string? RetrievedUrl { get; set; }

    /// <summary>The retrieval status, as the wire writes it (for example <c>URL_RETRIEVAL_STATUS_SUCCESS</c>).</summary>
    [JsonPropertyName("urlRetrievalStatus")]
    public string? UrlRetrievalStatus { get; set; }
}
