using System.Text.Json.Serialization;

namespace Live;

/// <summary>Earlier function calls that should not be executed (or should be undone), usually because the user interrupted.</summary>
public sealed class LiveServerToolCallCancellation
{
    /// <summary>The ids of the cancelled calls.</summary>
    [JsonPropertyName("ids")]
    public IList<string>? Ids { get; set; }
}
