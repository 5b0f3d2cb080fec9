using System.Text.Json.Serialization;

namespace Live;

/// <summary>Automatic activity (voice) detection settings.</summary>
public sealed class AutomaticActivityDetection
{
    /// <summary>
    /// Whether automatic detection is off. When true, the client marks activity with
    /// <c>activityStart</c>/<c>activityEnd</c> (<see cref="AsyncSession.SendActivityStartAsync"/>).
    /// </summary>
    [JsonPropertyName("disabled")]
    public bool? Disabled { get; set; }

    /// <summary>How readily the start of speech is detected.</summary>
    [JsonPropertyName("startOfSpeechSensitivity")]
    public StartSensitivity? StartOfSpeechSensitivity { get; set; }

    /// <summary>How readily the end of speech is detected.</summary>
    [JsonPropertyName("endOfSpeechSensitivity")]
    public EndSensitivity? EndOfSpeechSensitivity { get; set; }

    /// <summary>How long speech must last, in milliseconds, before its start is committed.</summary>
    [JsonPropertyName("prefixPaddingMs")]
    public int? PrefixPaddingMs { get; set; }

    /// <summary>How long silence must last, in milliseconds, before the end of speech is committed.</summary>
    [JsonPropertyName("silenceDurationMs")]
    public int? SilenceDurationMs { get; set; }
}
