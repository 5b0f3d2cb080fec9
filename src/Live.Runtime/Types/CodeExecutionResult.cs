using System.Text.Json.Serialization;

namespace Live;

/// <summary>The result of running <see cref="ExecutableCode"/>.</summary>
public sealed class CodeExecutionResult
{
    /// <summary>Whether the code ran successfully.</summary>
    [JsonPropertyName("outcome")]
    public Outcome? Outcome { get; set; }

    /// <summary>What the code printed, or the error.</summary>
    [JsonPropertyName("output")]
    public string? Output { get; set; }
}
