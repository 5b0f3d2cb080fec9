using System.Text.Json;

namespace Live.Testing;

/// <summary>Reads fields of wire JSON under either spelling (lowerCamelCase or snake_case).</summary>
internal static class JsonFields
{
    public static bool TryGet(JsonElement obj, string camelName, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object)
        {
            if (obj.TryGetProperty(camelName, out value))
            {
                return true;
            }

            string snake = ProtocolNames.ToSnakeCase(camelName);
            if (snake != camelName && obj.TryGetProperty(snake, out value))
            {
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string? GetString(JsonElement obj, string camelName) =>
        TryGet(obj, camelName, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool GetBool(JsonElement obj, string camelName) =>
        TryGet(obj, camelName, out JsonElement value) && value.ValueKind == JsonValueKind.True;

    public static IEnumerable<JsonElement> GetArray(JsonElement obj, string camelName) =>
        TryGet(obj, camelName, out JsonElement value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];
}
