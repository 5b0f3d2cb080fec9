using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>The service will close the connection soon; resume the session on a new connection to go on.</summary>
public sealed class LiveServerGoAway
{
    /// <summary>The time left before the connection closes, as the wire writes it (a protobuf Duration such as <c>"50s"</c>).</summary>
    [JsonPropertyName("timeLeft")]
    public string? TimeLeft { get; set; }

    /// <summary><see cref="TimeLeft"/> as a <see cref="TimeSpan"/>; null when absent or unreadable.</summary>
    [JsonIgnore]
    public TimeSpan? TimeLeftDuration => ProtoDuration.TryParse(TimeLeft, out TimeSpan value) ? value : null;
}
