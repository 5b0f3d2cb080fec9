using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>A new point to resume the session from (sent when <see cref="LiveConnectConfig.SessionResumption"/> is set).</summary>
public sealed class LiveServerSessionResumptionUpdate
{
    /// <summary>The handle to pass as <see cref="SessionResumptionConfig.Handle"/> when reconnecting; empty when not resumable.</summary>
    [JsonPropertyName("newHandle")]
    public string? NewHandle { get; set; }

    /// <summary>Whether the session can be resumed at this point.</summary>
    [JsonPropertyName("resumable")]
    public bool? Resumable { get; set; }

    /// <summary>
    /// With transparent resumption (Vertex AI): the index of the last client message the service consumed,
    /// so later messages can be sent again after resuming (an int64, written as a string).
    /// </summary>
    [JsonPropertyName("lastConsumedClientMessageIndex")]
    [JsonConverter(typeof(Int64StringConverter))]
    public long? LastConsumedClientMessageIndex { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"LiveServerSessionResumptionUpdate (resumable {Resumable})";
}
