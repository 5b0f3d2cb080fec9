using System.Text.Json.Serialization;

namespace Live;

/// <summary>A token count for one modality.</summary>
public sealed class ModalityTokenCount
{
    /// <summary>The modality.</summary>
    [JsonPropertyName("modality")]
    public Modality? Modality { get; set; }

    /// <summary>The number of tokens.</summary>
    [JsonPropertyName("tokenCount")]
    public int? TokenCount { get; set; }
}
