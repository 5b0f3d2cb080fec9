using System.Text.Json.Serialization;

namespace Live;

/// <summary>Code the model wrote and ran with the code execution tool.</summary>
public sealed class ExecutableCode
{
    /// <summary>The programming language.</summary>
    [JsonPropertyName("language")]
    public Language? Language { get; set; }

    /// <summary>The code.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; set; }
}
