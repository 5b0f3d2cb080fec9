using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>
/// One part of a <see cref="Content"/>. Exactly one of the data members is normally set: <see cref="Text"/>,
/// <see cref="InlineData"/>, <see cref="FileData"/>, <see cref="FunctionCall"/>, <see cref="FunctionResponse"/>,
/// <see cref="ExecutableCode"/> or <see cref="CodeExecutionResult"/>.
/// </summary>
public sealed class Part
{
    /// <summary>Text.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>Bytes sent inline (an image, audio), with their MIME type.</summary>
    [JsonPropertyName("inlineData")]
    public Blob? InlineData { get; set; }

    /// <summary>A reference to a file by URI.</summary>
    [JsonPropertyName("fileData")]
    public FileData? FileData { get; set; }

    /// <summary>A function call produced by the model.</summary>
    [JsonPropertyName("functionCall")]
    public FunctionCall? FunctionCall { get; set; }

    /// <summary>The result of a function call.</summary>
    [JsonPropertyName("functionResponse")]
    public FunctionResponse? FunctionResponse { get; set; }

    /// <summary>Code the model wrote for the code execution tool.</summary>
    [JsonPropertyName("executableCode")]
    public ExecutableCode? ExecutableCode { get; set; }

    /// <summary>The result of running <see cref="ExecutableCode"/>.</summary>
    [JsonPropertyName("codeExecutionResult")]
    public CodeExecutionResult? CodeExecutionResult { get; set; }

    /// <summary>Whether this part is the model's thinking rather than its answer.</summary>
    [JsonPropertyName("thought")]
    public bool? Thought { get; set; }

    /// <summary>An opaque signature of the model's thinking, to send back unchanged in later turns (base64, kept as received).</summary>
    [JsonPropertyName("thoughtSignature")]
    public string? ThoughtSignature { get; set; }

    /// <summary>Other part members (for example <c>videoMetadata</c>), kept by wire name so nothing received is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Creates a text part.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The part.</returns>
    public static Part FromText(string text) => new() { Text = text ?? throw new ArgumentNullException(nameof(text)) };

    /// <summary>Creates a part holding inline bytes.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="mimeType">Their MIME type, for example <c>image/jpeg</c>.</param>
    /// <returns>The part.</returns>
    public static Part FromBytes(ReadOnlyMemory<byte> data, string mimeType) => new() { InlineData = new Blob(data, mimeType) };

    /// <inheritdoc />
    public override string ToString() =>
        Text is not null ? $"Part text ({Text.Length} chars)"
        : InlineData is not null ? $"Part {InlineData}"
        : FunctionCall is not null ? $"Part {FunctionCall}"
        : FunctionResponse is not null ? $"Part {FunctionResponse}"
        : "Part";
}
