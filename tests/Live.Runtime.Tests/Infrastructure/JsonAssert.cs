using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace Live.Runtime.Tests.Infrastructure;

/// <summary>Semantic JSON equality: member order free, numbers compared by value, everything else exact.</summary>
internal static class JsonAssert
{
    public static void Equal(string expectedJson, string actualJson)
    {
        using JsonDocument expected = JsonDocument.Parse(expectedJson);
        using JsonDocument actual = JsonDocument.Parse(actualJson);
        Equal(expected.RootElement, actual.RootElement);
    }

    public static void Equal(JsonElement expected, string actualJson)
    {
        using JsonDocument actual = JsonDocument.Parse(actualJson);
        Equal(expected, actual.RootElement);
    }

    public static void Equal(JsonElement expected, JsonElement actual)
    {
        string? difference = FindDifference(expected, actual, "$");
        if (difference is not null)
        {
            throw new XunitException($"JSON differs at {difference}\nexpected: {expected.GetRawText()}\nactual:   {actual.GetRawText()}");
        }
    }

    public static bool AreEqual(JsonElement expected, JsonElement actual) => FindDifference(expected, actual, "$") is null;

    private static string? FindDifference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            bool bothBool = expected.ValueKind is JsonValueKind.True or JsonValueKind.False && actual.ValueKind is JsonValueKind.True or JsonValueKind.False;
            return $"{path}: {expected.ValueKind} expected, {actual.ValueKind} found" + (bothBool ? " (boolean value)" : string.Empty);
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                if (!expectedNames.SetEquals(actualNames))
                {
                    return $"{path}: members [{string.Join(", ", expectedNames.Order())}] expected, [{string.Join(", ", actualNames.Order())}] found";
                }

                foreach (JsonProperty property in expected.EnumerateObject())
                {
                    string? inner = FindDifference(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: {expected.GetArrayLength()} elements expected, {actual.GetArrayLength()} found";
                }

                for (int i = 0; i < expected.GetArrayLength(); i++)
                {
                    string? inner = FindDifference(expected[i], actual[i], $"{path}[{i}]");
                    if (inner is not null)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Number:
                return expected.GetDecimal() == actual.GetDecimal() ? null : $"{path}: {expected.GetRawText()} expected, {actual.GetRawText()} found";
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: \"{expected.GetString()}\" expected, \"{actual.GetString()}\" found";
            default:
                return null;
        }
    }

    /// <summary>Removes the named top-level members (for comparisons that ignore them).</summary>
    public static string Without(string json, params string[] names)
    {
        JsonObject node = JsonNode.Parse(json)!.AsObject();
        foreach (string name in names)
        {
            node.Remove(name);
        }

        return node.ToJsonString();
    }
}
