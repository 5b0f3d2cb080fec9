using System.Text.Json.Serialization;

namespace Live.Wire;

/// <summary>The <c>clientContent</c> message: turns appended to the history.</summary>
internal sealed class LiveClientContent
{
    [JsonPropertyName("turns")]
    public IList<Content>? Turns { get; set; }

    /// <summary>Always written, <c>false</c> included.</summary>
    [JsonPropertyName("turnComplete")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public bool TurnComplete { get; set; }
}
