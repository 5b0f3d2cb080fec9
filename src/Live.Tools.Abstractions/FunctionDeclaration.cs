using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>A function the model may call: its name, what it does, and its parameters.</summary>
public sealed class FunctionDeclaration
{
    /// <summary>
    /// The function's name: starts with a letter or <c>_</c>, holds only <c>a-z A-Z 0-9 _ . : -</c>,
    /// at most 128 characters.
    /// </summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>What the function does; the model chooses functions by their descriptions.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>The parameters, as an <see cref="SchemaType.Object"/> schema. Omit it for a function without parameters.</summary>
    [JsonPropertyName("parameters")]
    public Schema? Parameters { get; set; }

    /// <summary>The parameters as a raw JSON Schema (an alternative to <see cref="Parameters"/>; lower-case types allowed).</summary>
    [JsonPropertyName("parametersJsonSchema")]
    public JsonElement? ParametersJsonSchema { get; set; }

    /// <summary>The schema of the function's result.</summary>
    [JsonPropertyName("response")]
    public Schema? Response { get; set; }

    /// <summary>The result as a raw JSON Schema (an alternative to <see cref="Response"/>).</summary>
    [JsonPropertyName("responseJsonSchema")]
    public JsonElement? ResponseJsonSchema { get; set; }

    /// <summary>Whether the conversation waits for this function (Live API only).</summary>
    [JsonPropertyName("behavior")]
    public Behavior? Behavior { get; set; }
}
