using System.Text.Json.Serialization;

namespace Live;

/// <summary>
/// The model asks the client to call functions. Answer all of them with one
/// <see cref="AsyncSession.SendToolResponseAsync(IEnumerable{FunctionResponse}, CancellationToken)"/> carrying the same ids.
/// </summary>
public sealed class LiveServerToolCall
{
    /// <summary>The calls to make.</summary>
    [JsonPropertyName("functionCalls")]
    public IList<FunctionCall>? FunctionCalls { get; set; }
}
