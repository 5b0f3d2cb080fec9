using System.Globalization;
using System.Text.Json;

namespace Live.Extensions.AI;

/// <summary>
/// Converts the JSON Schema of an <c>AIFunction</c>'s parameters into Gemini's <see cref="Schema"/>, keyword by
/// keyword: what Gemini can express is kept, what only loosens the contract is dropped with a note, and what would
/// change the meaning of the schema is refused. The table is in <c>docs/ecosystem.md</c>.
/// </summary>
internal sealed class JsonSchemaConverter
{
    private const int MaxDepth = 32;

    private readonly string _functionName;
    private readonly JsonElement _root;
    private readonly List<string> _notes;
    private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);

    private JsonSchemaConverter(string functionName, JsonElement root, List<string> notes)
    {
        _functionName = functionName;
        _root = root;
        _notes = notes;
    }

    /// <summary>Converts a parameters schema; keywords that were dropped are described in <paramref name="notes"/>.</summary>
    /// <exception cref="NotSupportedException">The schema uses a keyword whose meaning Gemini's schema cannot carry.</exception>
    public static Schema? ConvertParameters(string functionName, JsonElement schema, List<string> notes)
    {
        if (schema.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        var converter = new JsonSchemaConverter(functionName, schema, notes);
        Schema result = converter.Convert(schema, "#", 0);
        if (result.Type == SchemaType.Object && (result.Properties is null || result.Properties.Count == 0))
        {
            // A function without parameters: Gemini wants no parameters object at all.
            return null;
        }

        return result;
    }

    private Schema Convert(JsonElement schema, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Refuse(path, $"the schema nests deeper than {MaxDepth} levels");
        }

        if (schema.ValueKind == JsonValueKind.True)
        {
            // "true" accepts anything: Gemini's closest is a schema without a type.
            return new Schema();
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Refuse(path, $"a schema must be an object or true, not {schema.ValueKind}");
        }

        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            return ConvertReference(schema, reference, path, depth);
        }

        var result = new Schema();
        foreach (JsonProperty property in schema.EnumerateObject())
        {
            JsonElement value = property.Value;
            string at = path + "/" + property.Name;
            switch (property.Name)
            {
                case "type":
                    ReadType(value, result, at);
                    break;
                case "description":
                    result.Description = ReadString(value, at);
                    break;
                case "title":
                    result.Title = ReadString(value, at);
                    break;
                case "format":
                    result.Format = ReadString(value, at);
                    break;
                case "pattern":
                    result.Pattern = ReadString(value, at);
                    break;
                case "nullable":
                    result.Nullable = value.ValueKind == JsonValueKind.True ? true : result.Nullable;
                    break;
                case "enum":
                    ReadEnum(value, result, at);
                    break;
                case "const":
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        throw Refuse(at, "a const that is not a string cannot be expressed (Gemini enums are strings)");
                    }

                    result.Enum = [value.GetString()!];
                    break;
                case "properties":
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        throw Refuse(at, "properties must be an object");
                    }

                    var properties = new Dictionary<string, Schema>(StringComparer.Ordinal);
                    foreach (JsonProperty child in value.EnumerateObject())
                    {
                        properties[child.Name] = Convert(child.Value, at + "/" + child.Name, depth + 1);
                    }

                    result.Properties = properties;
                    break;
                case "required":
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        throw Refuse(at, "required must be an array of names");
                    }

                    result.Required = [.. value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Refuse(at, "required must hold strings"))];
                    break;
                case "items":
                    if (value.ValueKind == JsonValueKind.Array)
                    {
                        throw Refuse(at, "tuple items (an array of schemas) cannot be expressed");
                    }

                    result.Items = Convert(value, at, depth + 1);
                    break;
                case "anyOf":
                    result.AnyOf = ConvertList(value, at, depth);
                    break;
                case "oneOf":
                    result.AnyOf = ConvertList(value, at, depth);
                    Note(at, "oneOf sent as anyOf (\"exactly one\" becomes \"at least one\")");
                    break;
                case "allOf":
                    if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 1)
                    {
                        Merge(result, Convert(value[0], at + "/0", depth + 1));
                        break;
                    }

                    throw Refuse(at, "allOf with more than one schema cannot be expressed");
                case "minimum":
                    result.Minimum = ReadNumber(value, at);
                    break;
                case "maximum":
                    result.Maximum = ReadNumber(value, at);
                    break;
                case "exclusiveMinimum":
                    result.Minimum ??= ReadNumber(value, at);
                    Note(at, "exclusiveMinimum sent as an inclusive minimum");
                    break;
                case "exclusiveMaximum":
                    result.Maximum ??= ReadNumber(value, at);
                    Note(at, "exclusiveMaximum sent as an inclusive maximum");
                    break;
                case "minItems":
                    result.MinItems = ReadCount(value, at);
                    break;
                case "maxItems":
                    result.MaxItems = ReadCount(value, at);
                    break;
                case "minLength":
                    result.MinLength = ReadCount(value, at);
                    break;
                case "maxLength":
                    result.MaxLength = ReadCount(value, at);
                    break;
                case "minProperties":
                    result.MinProperties = ReadCount(value, at);
                    break;
                case "maxProperties":
                    result.MaxProperties = ReadCount(value, at);
                    break;
                case "default":
                    result.Default = value.Clone();
                    break;
                case "example":
                    result.Example = value.Clone();
                    break;
                case "examples":
                    if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
                    {
                        result.Example = value[0].Clone();
                        if (value.GetArrayLength() > 1)
                        {
                            Note(at, "only the first of examples kept");
                        }
                    }

                    break;
                case "$schema":
                case "$id":
                case "$comment":
                case "$defs":
                case "definitions":
                case "readOnly":
                case "writeOnly":
                case "deprecated":
                    // Metadata (and definitions, which are inlined where $ref points at them): nothing to send.
                    break;
                case "not":
                case "if":
                case "then":
                case "else":
                case "dependentRequired":
                case "dependentSchemas":
                case "patternProperties":
                case "propertyNames":
                case "additionalProperties":
                case "unevaluatedProperties":
                case "unevaluatedItems":
                case "prefixItems":
                case "contains":
                case "minContains":
                case "maxContains":
                case "uniqueItems":
                case "multipleOf":
                case "contentEncoding":
                case "contentMediaType":
                    // These only narrow what is valid; without them the model may send more than the tool accepts,
                    // and the tool's own validation still answers with an error the model can read.
                    if (!(property.Name is "additionalProperties" or "unevaluatedProperties" && value.ValueKind == JsonValueKind.True))
                    {
                        Note(at, property.Name + " dropped (Gemini's schema has no such keyword)");
                    }

                    break;
                default:
                    Note(at, "unknown keyword " + property.Name + " dropped");
                    break;
            }
        }

        return result;
    }

    private Schema ConvertReference(JsonElement schema, JsonElement reference, string path, int depth)
    {
        string? target = reference.ValueKind == JsonValueKind.String ? reference.GetString() : null;
        if (target is null || !target.StartsWith('#'))
        {
            throw Refuse(path + "/$ref", $"only references inside the schema (#/...) can be resolved, not \"{target}\"");
        }

        if (!_expanding.Add(target))
        {
            throw Refuse(path + "/$ref", $"the schema is recursive through \"{target}\" and Gemini's schema cannot refer to itself");
        }

        try
        {
            JsonElement resolved = Resolve(target, path);
            Schema result = Convert(resolved, path, depth + 1);

            // Siblings of $ref (JSON Schema 2019+): description and the like refine the referenced schema.
            foreach (JsonProperty sibling in schema.EnumerateObject())
            {
                switch (sibling.Name)
                {
                    case "$ref":
                        break;
                    case "description":
                        result.Description = ReadString(sibling.Value, path + "/description");
                        break;
                    case "title":
                        result.Title = ReadString(sibling.Value, path + "/title");
                        break;
                    case "nullable":
                        result.Nullable = sibling.Value.ValueKind == JsonValueKind.True ? true : result.Nullable;
                        break;
                    default:
                        Note(path + "/" + sibling.Name, sibling.Name + " next to $ref dropped");
                        break;
                }
            }

            return result;
        }
        finally
        {
            _expanding.Remove(target);
        }
    }

    private JsonElement Resolve(string target, string path)
    {
        JsonElement current = _root;
        if (target == "#")
        {
            return current;
        }

        if (!target.StartsWith("#/", StringComparison.Ordinal))
        {
            throw Refuse(path + "/$ref", $"only JSON pointers (#/...) can be resolved, not \"{target}\"");
        }

        foreach (string rawSegment in target.Substring(2).Split('/'))
        {
            string segment = Uri.UnescapeDataString(rawSegment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out JsonElement next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                throw Refuse(path + "/$ref", $"\"{target}\" points at nothing");
            }
        }

        return current;
    }

    private List<Schema> ConvertList(JsonElement value, string path, int depth)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw Refuse(path, "must be a non-empty array of schemas");
        }

        var list = new List<Schema>();
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            list.Add(Convert(item, path + "/" + i.ToString(CultureInfo.InvariantCulture), depth + 1));
            i++;
        }

        return list;
    }

    private void ReadType(JsonElement value, Schema result, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            result.Type = ParseType(value.GetString()!, path);
            if (result.Type == SchemaType.Null)
            {
                throw Refuse(path, "\"type\": \"null\" alone cannot be expressed (Gemini needs a type that may be null)");
            }

            return;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Refuse(path, "type must be a string or an array of strings");
        }

        var types = new List<SchemaType>();
        foreach (JsonElement item in value.EnumerateArray())
        {
            SchemaType type = item.ValueKind == JsonValueKind.String ? ParseType(item.GetString()!, path) : throw Refuse(path, "type must hold strings");
            if (type == SchemaType.Null)
            {
                result.Nullable = true;
            }
            else
            {
                types.Add(type);
            }
        }

        switch (types.Count)
        {
            case 0:
                throw Refuse(path, "\"type\": [\"null\"] alone cannot be expressed");
            case 1:
                result.Type = types[0];
                break;
            default:
                result.AnyOf = [.. types.Select(t => new Schema { Type = t })];
                break;
        }
    }

    private SchemaType ParseType(string name, string path) => name switch
    {
        "string" => SchemaType.String,
        "number" => SchemaType.Number,
        "integer" => SchemaType.Integer,
        "boolean" => SchemaType.Boolean,
        "array" => SchemaType.Array,
        "object" => SchemaType.Object,
        "null" => SchemaType.Null,
        _ => throw Refuse(path, $"unknown type \"{name}\""),
    };

    private void ReadEnum(JsonElement value, Schema result, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Refuse(path, "enum must be an array");
        }

        var values = new List<string>();
        bool allowsNull = false;
        foreach (JsonElement item in value.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    values.Add(item.GetString()!);
                    break;
                case JsonValueKind.Null:
                    allowsNull = true;
                    break;
                default:
                    // A number or boolean enum would come back as a string the tool does not accept.
                    Note(path, "an enum of non-string values dropped (Gemini enums are strings); the type still applies");
                    return;
            }
        }

        result.Enum = values;
        if (allowsNull)
        {
            result.Nullable = true;
        }
    }

    private static void Merge(Schema target, Schema source)
    {
        target.Type ??= source.Type;
        target.Format ??= source.Format;
        target.Title ??= source.Title;
        target.Description ??= source.Description;
        target.Nullable ??= source.Nullable;
        target.Enum ??= source.Enum;
        target.Items ??= source.Items;
        target.Properties ??= source.Properties;
        target.Required ??= source.Required;
        target.AnyOf ??= source.AnyOf;
        target.Minimum ??= source.Minimum;
        target.Maximum ??= source.Maximum;
        target.MinItems ??= source.MinItems;
        target.MaxItems ??= source.MaxItems;
        target.MinLength ??= source.MinLength;
        target.MaxLength ??= source.MaxLength;
        target.MinProperties ??= source.MinProperties;
        target.MaxProperties ??= source.MaxProperties;
        target.Pattern ??= source.Pattern;
        target.Default ??= source.Default;
        target.Example ??= source.Example;
    }

    private string ReadString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Refuse(path, "must be a string");

    private double ReadNumber(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Refuse(path, "must be a number");

    private long ReadCount(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long count) && count >= 0 ? count : throw Refuse(path, "must be a non-negative integer");

    private void Note(string path, string text) => _notes.Add($"{_functionName} {path}: {text}");

    private NotSupportedException Refuse(string path, string reason) =>
        new($"The parameters schema of \"{_functionName}\" cannot be converted to a Gemini schema at {path}: {reason}.");
}
