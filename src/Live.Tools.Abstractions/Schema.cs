using System.Text.Json;
using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>
/// Gemini's schema for function parameters and results (an OpenAPI 3.0 subset). Sent as
/// <see cref="FunctionDeclaration.Parameters"/>; every property is optional and omitted when null.
/// </summary>
public sealed class Schema
{
    /// <summary>The data type.</summary>
    [JsonPropertyName("type")]
    public SchemaType? Type { get; set; }

    /// <summary>The format of the data, for example <c>int32</c>, <c>int64</c>, <c>float</c>, <c>date-time</c>, <c>enum</c>.</summary>
    [JsonPropertyName("format")]
    public string? Format { get; set; }

    /// <summary>A title for the schema.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    /// <summary>What the value means; the model reads it.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>Whether the value may be null.</summary>
    [JsonPropertyName("nullable")]
    public bool? Nullable { get; set; }

    /// <summary>The allowed values of a <see cref="SchemaType.String"/>.</summary>
    [JsonPropertyName("enum")]
    public IList<string>? Enum { get; set; }

    /// <summary>The schema of the elements of an <see cref="SchemaType.Array"/>.</summary>
    [JsonPropertyName("items")]
    public Schema? Items { get; set; }

    /// <summary>The properties of an <see cref="SchemaType.Object"/>, by name.</summary>
    [JsonPropertyName("properties")]
    public IDictionary<string, Schema>? Properties { get; set; }

    /// <summary>The names of the required properties of an <see cref="SchemaType.Object"/>.</summary>
    [JsonPropertyName("required")]
    public IList<string>? Required { get; set; }

    /// <summary>The order in which the model should produce the properties.</summary>
    [JsonPropertyName("propertyOrdering")]
    public IList<string>? PropertyOrdering { get; set; }

    /// <summary>The value must match at least one of these schemas.</summary>
    [JsonPropertyName("anyOf")]
    public IList<Schema>? AnyOf { get; set; }

    /// <summary>The smallest allowed number.</summary>
    [JsonPropertyName("minimum")]
    public double? Minimum { get; set; }

    /// <summary>The largest allowed number.</summary>
    [JsonPropertyName("maximum")]
    public double? Maximum { get; set; }

    /// <summary>The fewest elements of an array (an int64, written as a string).</summary>
    [JsonPropertyName("minItems")]
    [JsonConverter(typeof(Int64StringConverter))]
    public long? MinItems { get; set; }

    /// <summary>The most elements of an array (an int64, written as a string).</summary>
    [JsonPropertyName("maxItems")]
    [JsonConverter(typeof(Int64StringConverter))]
    public long? MaxItems { get; set; }

    /// <summary>The shortest allowed string (an int64, written as a string).</summary>
    [JsonPropertyName("minLength")]
    [JsonConverter(typeof(Int64StringConverter))]
    public long? MinLength { get; set; }

    /// <summary>The longest allowed string (an int64, written as a string).</summary>
    [JsonPropertyName("maxLength")]
    [JsonConverter(typeof(Int64StringConverter))]
    public long? MaxLength { get; set; }

    /// <summary>The fewest properties of an object (an int64, written as a string).</summary>
    [JsonPropertyName("minProperties")]
    [JsonConverter(typeof(Int64StringConverter))]
    public long? MinProperties { get; set; }

    /// <summary>The most properties of an object (an int64, written as a string).</summary>
    [JsonPropertyName("maxProperties")]
    [JsonConverter(typeof(Int64StringConverter))]
    public long? MaxProperties { get; set; }

    /// <summary>A regular expression a string must match.</summary>
    [JsonPropertyName("pattern")]
    public string? Pattern { get; set; }

    /// <summary>The default value.</summary>
    [JsonPropertyName("default")]
    public JsonElement? Default { get; set; }

    /// <summary>An example value.</summary>
    [JsonPropertyName("example")]
    public JsonElement? Example { get; set; }
}
