using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Live.Testing;

/// <summary>
/// Checks a call a rule makes against the function declarations of the session's setup, as the real model only calls
/// what it was told about, with arguments the declaration allows. A mismatch is a mistake in the test (a typo such as
/// <c>get_wether</c>, a renamed parameter) that would otherwise let the test pass on the wrong path.
/// </summary>
internal static class DeclaredCallCheck
{
    /// <summary>Throws when <paramref name="name"/> is not declared, or <paramref name="args"/> do not fit its parameters.</summary>
    public static void Check(EmulatorConnection connection, string name, JsonObject? args)
    {
        JsonElement[] declarations = JsonFields.GetArray(connection.Setup, "tools")
            .SelectMany(tool => JsonFields.GetArray(tool, "functionDeclarations"))
            .ToArray();
        JsonElement? declaration = null;
        foreach (JsonElement candidate in declarations)
        {
            if (string.Equals(JsonFields.GetString(candidate, "name"), name, StringComparison.Ordinal))
            {
                declaration = candidate;
                break;
            }
        }

        if (declaration is not { } found)
        {
            string declared = declarations.Length == 0
                ? "the session declared no functions"
                : "the session declared " + string.Join(", ", declarations.Select(d => JsonFields.GetString(d, "name") ?? "?"));
            throw new LiveEmulatorException($"The rule calls \"{name}\", which the session's setup does not declare ({declared}).");
        }

        if (JsonFields.TryGet(found, "parameters", out JsonElement schema) && schema.ValueKind == JsonValueKind.Object)
        {
            CheckArguments(name, args, schema);
        }
        else if (JsonFields.TryGet(found, "parametersJsonSchema", out JsonElement jsonSchema) && jsonSchema.ValueKind == JsonValueKind.Object)
        {
            CheckArguments(name, args, jsonSchema);
        }
        else if (args is { Count: > 0 })
        {
            throw new LiveEmulatorException(
                $"The rule calls \"{name}\" with arguments ({string.Join(", ", args.Select(a => a.Key))}), but its declaration has no parameters.");
        }
    }

    private static void CheckArguments(string name, JsonObject? args, JsonElement schema)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (JsonFields.TryGet(schema, "properties", out JsonElement props) && props.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in props.EnumerateObject())
            {
                properties[property.Name] = property.Value;
            }
        }

        string allowed = properties.Count == 0 ? "none" : string.Join(", ", properties.Keys);
        foreach (KeyValuePair<string, JsonNode?> argument in args ?? [])
        {
            if (!properties.TryGetValue(argument.Key, out JsonElement parameter))
            {
                throw new LiveEmulatorException(
                    $"The rule calls \"{name}\" with the argument \"{argument.Key}\", which its declaration does not have (parameters: {allowed}).");
            }

            if (TypeOf(parameter) is { } type && argument.Value is not null && !Fits(argument.Value, type))
            {
                throw new LiveEmulatorException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The rule calls \"{name}\" with \"{argument.Key}\": {argument.Value.ToJsonString()}, but its declaration says {type}."));
            }
        }

        foreach (JsonElement required in JsonFields.GetArray(schema, "required"))
        {
            string? key = required.ValueKind == JsonValueKind.String ? required.GetString() : null;
            if (key is not null && args?.ContainsKey(key) != true)
            {
                throw new LiveEmulatorException(
                    $"The rule calls \"{name}\" without \"{key}\", which its declaration requires (parameters: {allowed}).");
            }
        }
    }

    // Gemini's Schema spells types in capitals (STRING), JSON Schema in lower case (string).
    private static string? TypeOf(JsonElement parameter) =>
        JsonFields.TryGet(parameter, "type", out JsonElement t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!.ToUpperInvariant()
            : null;

    private static bool Fits(JsonNode value, string type) => value.GetValueKind() switch
    {
        JsonValueKind.String => type == "STRING",
        JsonValueKind.Number => type is "NUMBER" or "INTEGER",
        JsonValueKind.True or JsonValueKind.False => type == "BOOLEAN",
        JsonValueKind.Array => type == "ARRAY",
        JsonValueKind.Object => type == "OBJECT",
        _ => true,
    };
}
