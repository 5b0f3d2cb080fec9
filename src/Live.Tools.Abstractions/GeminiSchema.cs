using System.Text.Json;

namespace Live;

/// <summary>
/// Turns a JSON Schema (as written by hand or by a JSON-Schema library) into Gemini's <see cref="Schema"/>, the way the
/// official JavaScript client normalises <c>parameters</c> before sending them: lower-case type names are upper-cased,
/// <c>["t", "null"]</c> and an <c>anyOf</c> of two with <c>{"type": "null"}</c> become <c>nullable: true</c>, other type
/// arrays become <c>anyOf</c>, <c>additionalProperties</c> is dropped.
/// </summary>
/// <remarks>
/// Keywords <see cref="Schema"/> has no member for (for example <c>$ref</c>, <c>const</c>, <c>exclusiveMinimum</c>) are
/// ignored. To send a schema unchanged, use <see cref="FunctionDeclaration.ParametersJsonSchema"/> — which
/// <see cref="CreateFunctionDeclaration"/> does for a schema that names its dialect with <c>$schema</c>.
/// </remarks>
public static class GeminiSchema
{
    /// <summary>Converts a JSON Schema object to a <see cref="Schema"/>.</summary>
    /// <param name="jsonSchema">A JSON object.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="ArgumentException">The JSON is not an object, sets both <c>type</c> and <c>anyOf</c>, or has <c>"type": "null"</c> alone.</exception>
    public static Schema FromJsonSchema(JsonElement jsonSchema)
    {
        if (jsonSchema.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"A JSON Schema must be a JSON object, not {jsonSchema.ValueKind}.", nameof(jsonSchema));
        }

        if (jsonSchema.TryGetProperty("type", out _) && jsonSchema.TryGetProperty("anyOf", out _))
        {
            throw new ArgumentException("type and anyOf cannot be both populated.", nameof(jsonSchema));
        }

        var result = new Schema();
        JsonElement source = jsonSchema;
        if (jsonSchema.TryGetProperty("anyOf", out JsonElement anyOf) && anyOf.ValueKind == JsonValueKind.Array && anyOf.GetArrayLength() == 2)
        {
            if (IsNullType(anyOf[0]))
            {
                result.Nullable = true;
                source = anyOf[1];
            }
            else if (IsNullType(anyOf[1]))
            {
                result.Nullable = true;
                source = anyOf[0];
            }
        }

        if (source.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("Each schema in anyOf must be a JSON object.", nameof(jsonSchema));
        }

        foreach (JsonProperty property in source.EnumerateObject())
        {
            JsonElement value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            switch (property.Name)
            {
                case "type":
                    ReadType(value, result);
                    break;
                case "items":
                    result.Items = FromJsonSchema(value);
                    break;
                case "anyOf":
                    result.AnyOf = [.. value.EnumerateArray().Select(FromJsonSchema)];
                    break;
                case "properties":
                    var properties = new Dictionary<string, Schema>(StringComparer.Ordinal);
                    foreach (JsonProperty child in value.EnumerateObject())
                    {
                        properties[child.Name] = FromJsonSchema(child.Value);
                    }

                    result.Properties = properties;
                    break;
                case "format":
                    result.Format = value.GetString();
                    break;
                case "title":
                    result.Title = value.GetString();
                    break;
                case "description":
                    result.Description = value.GetString();
                    break;
                case "pattern":
                    result.Pattern = value.GetString();
                    break;
                case "nullable":
                    result.Nullable = value.GetBoolean();
                    break;
                case "enum":
                    result.Enum = [.. value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())];
                    break;
                case "required":
                    result.Required = [.. value.EnumerateArray().Select(e => e.GetString()!)];
                    break;
                case "propertyOrdering":
                    result.PropertyOrdering = [.. value.EnumerateArray().Select(e => e.GetString()!)];
                    break;
                case "minimum":
                    result.Minimum = value.GetDouble();
                    break;
                case "maximum":
                    result.Maximum = value.GetDouble();
                    break;
                case "minItems":
                    result.MinItems = ReadInt64(value);
                    break;
                case "maxItems":
                    result.MaxItems = ReadInt64(value);
                    break;
                case "minLength":
                    result.MinLength = ReadInt64(value);
                    break;
                case "maxLength":
                    result.MaxLength = ReadInt64(value);
                    break;
                case "minProperties":
                    result.MinProperties = ReadInt64(value);
                    break;
                case "maxProperties":
                    result.MaxProperties = ReadInt64(value);
                    break;
                case "default":
                    result.Default = value.Clone();
                    break;
                case "example":
                    result.Example = value.Clone();
                    break;
                default:
                    // additionalProperties is dropped as the official client does; other keywords have no Schema member.
                    break;
            }
        }

        return result;
    }

    /// <summary>
    /// Creates a function declaration from a JSON Schema of its parameters, as the official JavaScript client treats
    /// <c>parameters</c>: normalised into <see cref="FunctionDeclaration.Parameters"/>, or — when the schema holds
    /// <c>$schema</c> — sent unchanged as <see cref="FunctionDeclaration.ParametersJsonSchema"/>.
    /// </summary>
    /// <param name="name">The function name.</param>
    /// <param name="description">What the function does.</param>
    /// <param name="parameters">The parameters' JSON Schema (an object schema).</param>
    /// <param name="behavior">Whether the conversation waits for the function; null to leave it unset.</param>
    /// <returns>The declaration.</returns>
    public static FunctionDeclaration CreateFunctionDeclaration(string name, string? description, JsonElement parameters, Behavior? behavior = null)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("The function name is required.", nameof(name));
        }

        var declaration = new FunctionDeclaration { Name = name, Description = description, Behavior = behavior };
        if (parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("$schema", out _))
        {
            declaration.ParametersJsonSchema = parameters.Clone();
        }
        else
        {
            declaration.Parameters = FromJsonSchema(parameters);
        }

        return declaration;
    }

    private static bool IsNullType(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("type", out JsonElement type)
        && type.ValueKind == JsonValueKind.String
        && type.ValueEquals("null");

    private static void ReadType(JsonElement value, Schema result)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            string name = value.GetString()!;
            if (name == "null")
            {
                throw new ArgumentException("type: null can not be the only possible type for the field.");
            }

            result.Type = ParseType(name);
            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ArgumentException($"A schema's type must be a string or an array of strings, not {value.ValueKind}.");
        }

        var types = new List<string>();
        foreach (JsonElement item in value.EnumerateArray())
        {
            string name = item.GetString() ?? string.Empty;
            if (name == "null")
            {
                result.Nullable = true;
            }
            else
            {
                types.Add(name);
            }
        }

        if (types.Count == 1)
        {
            result.Type = ParseType(types[0]);
        }
        else if (types.Count > 1)
        {
            result.AnyOf = [.. types.Select(t => new Schema { Type = ParseType(t) })];
        }
    }

    private static SchemaType ParseType(string name) => name.ToUpperInvariant() switch
    {
        "STRING" => SchemaType.String,
        "NUMBER" => SchemaType.Number,
        "INTEGER" => SchemaType.Integer,
        "BOOLEAN" => SchemaType.Boolean,
        "ARRAY" => SchemaType.Array,
        "OBJECT" => SchemaType.Object,
        "NULL" => SchemaType.Null,
        _ => SchemaType.Unspecified,
    };

    private static long ReadInt64(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long parsed)
            ? parsed
            : value.GetInt64();
}
