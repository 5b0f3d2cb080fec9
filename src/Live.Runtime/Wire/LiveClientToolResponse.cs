using System.Text.Json.Serialization;

namespace Live.Wire;

/// <summary>The <c>toolResponse</c> message.</summary>
internal sealed class LiveClientToolResponse
{
    [JsonPropertyName("functionResponses")]
    public IList<FunctionResponse>? FunctionResponses { get; set; }
}
