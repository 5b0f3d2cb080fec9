using System.Text.Json.Serialization;

namespace Live.Wire;

/// <summary>The <c>contextUpdate</c> message.</summary>
internal sealed class LiveClientContextUpdate
{
    [JsonPropertyName("systemInstruction")]
    public Content? SystemInstruction { get; set; }

    /// <summary>A wrapper, so that "no tools" (<c>{"tools": []}</c>) differs from "unchanged" (absent).</summary>
    [JsonPropertyName("tools")]
    public LiveToolsUpdate? Tools { get; set; }
}
