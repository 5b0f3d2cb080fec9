using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>
/// Token usage of the session so far. Vertex AI's <c>candidatesTokenCount</c> and <c>candidatesTokensDetails</c>
/// are read into <see cref="ResponseTokenCount"/> and <see cref="ResponseTokensDetails"/>, as the official clients expose them.
/// </summary>
public sealed class UsageMetadata
{
    /// <summary>Tokens in the prompt (the context so far).</summary>
    [JsonPropertyName("promptTokenCount")]
    public int? PromptTokenCount { get; set; }

    /// <summary>Tokens in the cached part of the prompt.</summary>
    [JsonPropertyName("cachedContentTokenCount")]
    public int? CachedContentTokenCount { get; set; }

    /// <summary>Tokens in the model's response.</summary>
    [JsonPropertyName("responseTokenCount")]
    public int? ResponseTokenCount { get; set; }

    /// <summary>Tokens in the results of tools the service ran (for example Google Search).</summary>
    [JsonPropertyName("toolUsePromptTokenCount")]
    public int? ToolUsePromptTokenCount { get; set; }

    /// <summary>Tokens the model spent thinking.</summary>
    [JsonPropertyName("thoughtsTokenCount")]
    public int? ThoughtsTokenCount { get; set; }

    /// <summary>All tokens.</summary>
    [JsonPropertyName("totalTokenCount")]
    public int? TotalTokenCount { get; set; }

    /// <summary>Prompt tokens by modality.</summary>
    [JsonPropertyName("promptTokensDetails")]
    public IList<ModalityTokenCount>? PromptTokensDetails { get; set; }

    /// <summary>Cached tokens by modality.</summary>
    [JsonPropertyName("cacheTokensDetails")]
    public IList<ModalityTokenCount>? CacheTokensDetails { get; set; }

    /// <summary>Response tokens by modality.</summary>
    [JsonPropertyName("responseTokensDetails")]
    public IList<ModalityTokenCount>? ResponseTokensDetails { get; set; }

    /// <summary>Tool-use prompt tokens by modality.</summary>
    [JsonPropertyName("toolUsePromptTokensDetails")]
    public IList<ModalityTokenCount>? ToolUsePromptTokensDetails { get; set; }

    /// <summary>Other members (for example <c>trafficType</c>), by wire name, as received.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Vertex AI's name of <see cref="ResponseTokenCount"/>; read only.</summary>
    [JsonInclude]
    [JsonPropertyName("candidatesTokenCount")]
    internal int? CandidatesTokenCount
    {
        get => null;
        set => ResponseTokenCount ??= value;
    }

    /// <summary>Vertex AI's name of <see cref="ResponseTokensDetails"/>; read only.</summary>
    [JsonInclude]
    [JsonPropertyName("candidatesTokensDetails")]
    internal IList<ModalityTokenCount>? CandidatesTokensDetails
    {
        get => null;
        set => ResponseTokensDetails ??= value;
    }
}
