using System.Text.Json.Serialization;

namespace Live.Wire;

/// <summary>A client frame: exactly one member is set.</summary>
internal sealed class LiveClientMessage
{
    [JsonPropertyName("setup")]
    public LiveClientSetup? Setup { get; set; }

    [JsonPropertyName("clientContent")]
    public LiveClientContent? ClientContent { get; set; }

    [JsonPropertyName("realtimeInput")]
    public LiveClientRealtimeInput? RealtimeInput { get; set; }

    [JsonPropertyName("toolResponse")]
    public LiveClientToolResponse? ToolResponse { get; set; }

    [JsonPropertyName("contextUpdate")]
    public LiveClientContextUpdate? ContextUpdate { get; set; }
}
