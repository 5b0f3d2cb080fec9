using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live;

/// <summary>A call of a declared function, requested by the model.</summary>
public sealed class FunctionCall
{
    /// <summary>The call's id; a <see cref="FunctionResponse"/> must carry it back.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The name of the function to call.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The arguments, as a JSON object (possibly empty).</summary>
    [JsonPropertyName("args")]
    public JsonElement? Args { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"FunctionCall {Name} (id {Id})";
}
