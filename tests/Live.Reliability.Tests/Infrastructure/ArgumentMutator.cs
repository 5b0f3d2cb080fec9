using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Live.Reliability.Tests.Infrastructure;

/// <summary>
/// Makes function calls for <see cref="FuzzTools"/> with mutated arguments, deterministically from a seed: wrong
/// types, missing and null members, huge and out-of-range numbers, odd enum spellings, unknown members, deep
/// nesting, huge strings, arguments that are not an object, unknown functions.
/// </summary>
internal sealed class ArgumentMutator
{
    public static readonly string[] Kinds =
    [
        "valid", "wrong_type", "missing_member", "null_member", "huge_number", "out_of_range", "enum_spelling", "unknown_member",
        "deep_nesting", "huge_string", "not_an_object", "mixed_array", "unknown_function", "mixed",
    ];

    private static readonly (string Name, string Args)[] s_templates =
    [
        ("describe", """{"name":"Ada","mood":"happy","age":36,"nickname":"A"}"""),
        ("describe", """{"name":"Bo","mood":"very_angry","age":0}"""),
        ("sum", """{"values":[1,2,3],"offset":2}"""),
        ("sum", """{"values":[]}"""),
        ("register", """{"contact":{"name":"Bo","mood":"sad","home":{"street":"Main","number":5,"lines":["a","b"]}},"extra":[{"street":"X"}],"verified":true,"score":1.5}"""),
        ("register", """{"contact":{"name":"Cy","mood":"happy","home":null}}"""),
        ("tag", """{"moods":["happy","very_angry"],"id":42}"""),
    ];

    private static readonly string[] s_numbers =
    [
        "1e400", "-1e400", "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809", "2147483648",
        "-2147483649", "1.5", "-0", "1e-400", "4.9e-324", "1.7976931348623157e308", "151", "-1", "10000", "-11", "11",
    ];

    private static readonly string[] s_enumSpellings = ["HAPPY", "Happy", "very-angry", "VeryAngry", "", " happy", "happy ", "0", "2", "unknown", "ha\u0000ppy", "😀"];

    private readonly Random _random;

    public ArgumentMutator(int seed) => _random = new Random(seed);

    /// <summary>Makes the next call.</summary>
    public FunctionCall Next(int id, out string kind)
    {
        kind = Kinds[_random.Next(Kinds.Length)];
        (string name, string template) = s_templates[_random.Next(s_templates.Length)];
        var call = new FunctionCall { Id = "call-" + id, Name = kind == "unknown_function" ? "no_such_tool_" + _random.Next(10) : name };
        string? json = kind switch
        {
            "valid" or "unknown_function" => template,
            "not_an_object" => _random.Next(6) switch { 0 => null, 1 => "[]", 2 => "\"x\"", 3 => "1", 4 => "null", _ => "[{\"name\":\"Ada\"}]" },
            "mixed" => Mutate(Mutate(Mutate(template, Pick()), Pick()), Pick()),
            _ => Mutate(template, kind),
        };

        if (json is not null)
        {
            using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4096 });
            call.Args = document.RootElement.Clone();
        }

        return call;
    }

    private string Pick() => Kinds[1 + _random.Next(10)];

    private string Mutate(string json, string kind)
    {
        JsonNode root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 4096 })!;
        List<(JsonNode? Parent, object Key, JsonNode? Node)> nodes = Walk(root).Where(n => n.Parent is not null).ToList();
        if (nodes.Count == 0)
        {
            return json;
        }

        (JsonNode? parent, object key, JsonNode? node) = nodes[_random.Next(nodes.Count)];
        switch (kind)
        {
            case "wrong_type":
                Set(parent!, key, _random.Next(7) switch
                {
                    0 => JsonValue.Create(true),
                    1 => JsonValue.Create(_random.Next(-5, 5)),
                    2 => JsonValue.Create("text"),
                    3 => new JsonArray(JsonValue.Create(1)),
                    4 => new JsonObject { ["a"] = 1 },
                    5 => JsonValue.Create(2.5),
                    _ => new JsonArray(),
                });
                break;
            case "missing_member" when parent is JsonObject obj:
                obj.Remove((string)key);
                break;
            case "missing_member":
                ((JsonArray)parent!).RemoveAt((int)key);
                break;
            case "null_member":
                Set(parent!, key, null);
                break;
            case "huge_number" or "out_of_range":
                return Replace(root, parent!, key, s_numbers[_random.Next(s_numbers.Length)]);
            case "enum_spelling":
                Set(parent!, key, JsonValue.Create(s_enumSpellings[_random.Next(s_enumSpellings.Length)]));
                break;
            case "unknown_member":
                JsonObject target = Walk(root).Select(n => n.Node).OfType<JsonObject>().ElementAt(0);
                target["unexpected" + _random.Next(100)] = new JsonObject { ["x"] = new JsonArray(1, "two", null) };
                break;
            case "deep_nesting":
                int depth = _random.Next(2, 300);
                return Replace(root, parent!, key, new string('[', depth) + "1" + new string(']', depth));
            case "huge_string":
                Set(parent!, key, JsonValue.Create(new string('x', _random.Next(1_000, 64_000))));
                break;
            case "mixed_array":
                Set(parent!, key, new JsonArray(JsonValue.Create(1), JsonValue.Create("happy"), null, new JsonObject(), new JsonArray(), JsonValue.Create(true)));
                break;
        }

        _ = node;
        return root.ToJsonString();
    }

    private static string Replace(JsonNode root, JsonNode parent, object key, string raw)
    {
        const string Marker = "__LIVE_FUZZ_ARG__";
        Set(parent, key, JsonValue.Create(Marker));
        return root.ToJsonString().Replace("\"" + Marker + "\"", raw, StringComparison.Ordinal);
    }

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject obj)
        {
            obj[(string)key] = value;
        }
        else
        {
            ((JsonArray)parent)[(int)key] = value;
        }
    }

    private static List<(JsonNode? Parent, object Key, JsonNode? Node)> Walk(JsonNode root)
    {
        var all = new List<(JsonNode?, object, JsonNode?)>();
        void Visit(JsonNode? parent, object key, JsonNode? node)
        {
            all.Add((parent, key, node));
            if (node is JsonObject obj)
            {
                foreach (KeyValuePair<string, JsonNode?> property in obj.ToList())
                {
                    Visit(obj, property.Key, property.Value);
                }
            }
            else if (node is JsonArray array)
            {
                for (int i = 0; i < array.Count; i++)
                {
                    Visit(array, i, array[i]);
                }
            }
        }

        Visit(null, "", root);
        return all;
    }

    /// <summary>Shows a call for a failure message.</summary>
    public static string Show(FunctionCall call)
    {
        string args = call.Args?.GetRawText() ?? "(none)";
        var builder = new StringBuilder(call.Name).Append('(');
        builder.Append(args.Length > 200 ? string.Concat(args.AsSpan(0, 200), "…") : args).Append(')');
        return builder.ToString();
    }
}
