using System.Text.Json.Serialization;

namespace Live;

/// <summary>The service's answer to <c>setup</c>: the session is ready.</summary>
public sealed class LiveServerSetupComplete
{
    /// <summary>The session's id, when the service sends one.</summary>
    [JsonPropertyName("sessionId")]
    public string? SessionId { get; set; }
}
