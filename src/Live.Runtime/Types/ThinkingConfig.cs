using System.Text.Json.Serialization;

namespace Live;

/// <summary>How much the model thinks, and whether its thoughts are returned.</summary>
public sealed class ThinkingConfig
{
    /// <summary>The number of thinking tokens allowed; 0 turns thinking off, -1 lets the model decide.</summary>
    [JsonPropertyName("thinkingBudget")]
    public int? ThinkingBudget { get; set; }

    /// <summary>Whether thought parts (<see cref="Part.Thought"/>) are included in the answer.</summary>
    [JsonPropertyName("includeThoughts")]
    public bool? IncludeThoughts { get; set; }

    /// <summary>The thinking level (newer models, instead of a budget).</summary>
    [JsonPropertyName("thinkingLevel")]
    public ThinkingLevel? ThinkingLevel { get; set; }
}
