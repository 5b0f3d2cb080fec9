using System.Text.Json.Serialization;

namespace Live.Wire;

/// <summary>The tools of a <c>contextUpdate</c>.</summary>
internal sealed class LiveToolsUpdate
{
    [JsonPropertyName("tools")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IList<Tool> Tools { get; set; } = [];
}
