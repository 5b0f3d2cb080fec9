using System.Text.Json.Serialization;

namespace Live;

/// <summary>
/// Session resumption. An empty object turns on <see cref="LiveServerSessionResumptionUpdate"/> messages;
/// <see cref="Handle"/> resumes an earlier session.
/// </summary>
public sealed class SessionResumptionConfig
{
    /// <summary>The handle of the session to resume (the last <see cref="LiveServerSessionResumptionUpdate.NewHandle"/>); null starts a new session.</summary>
    [JsonPropertyName("handle")]
    public string? Handle { get; set; }

    /// <summary>Transparent resumption (Vertex AI only): the service reports the last client message it consumed.</summary>
    [JsonPropertyName("transparent")]
    public bool? Transparent { get; set; }

    /// <inheritdoc />
    public override string ToString() => Handle is null ? "SessionResumptionConfig" : "SessionResumptionConfig (with handle)";
}
