using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Live.Reliability.Tests.Infrastructure;

/// <summary>
/// Derives hostile server frames from seed frames (the server_* vectors), deterministically from a seed: truncated,
/// wrong types, huge numbers and strings, deep nesting, invalid UTF-8, unknown fields, bad base64, random bytes.
/// </summary>
internal sealed class FrameMutator
{
    private const string RawPlaceholder = "__LIVE_FUZZ_RAW__";

    private static readonly string[] s_hugeNumbers =
    [
        "1e400", "-1e400", "1.7976931348623157e309", "123456789012345678901234567890", "-9223372036854775809",
        "9223372036854775808", "4294967296", "2147483648", "-2147483649", "0.000000000000000000000000000001", "-0",
        "1E+2147483648", "00012", "1.", ".5", "+1", "0x10", "Infinity", "NaN", "\"9223372036854775808\"",
        "\"99999999999999999999999\"", "\"-1\"", "\"1e5\"", "\"\"",
    ];

    private static readonly string[] s_badBase64 = ["!!!!", "A", "AB=C", "====", "QUJD\u00e9", "QUJD====", " Q U J D ", "\\u0000\\u0000", "-_-_", "QUJDRA=="];

    private static readonly string[] s_badStrings = ["\\ud800", "\\udfff", "\\ud800\\u0041", "\\u0000", "\\uZZZZ", "\\x41", "\\", "\\u12"];

    private readonly Random _random;
    private readonly List<JsonNode> _seeds = [];
    private readonly List<byte[]> _rawSeeds = [];

    public FrameMutator(int seed, IEnumerable<string> seedFrames)
    {
        _random = new Random(seed);
        foreach (string frame in seedFrames)
        {
            _rawSeeds.Add(Encoding.UTF8.GetBytes(frame));
            try
            {
                if (JsonNode.Parse(frame) is JsonObject node)
                {
                    _seeds.Add(node);
                }
            }
            catch (JsonException)
            {
                // Not JSON: only used raw.
            }
        }
    }

    public static readonly string[] Kinds =
    [
        "valid", "truncated", "wrong_type", "huge_number", "huge_string", "deep_nesting", "invalid_utf8", "bad_escape",
        "unknown_field", "bad_base64", "random_bytes", "random_json_tokens", "byte_flips", "mixed",
    ];

    /// <summary>Loads the seed frames: every server_* vector's frame (each message of a list, raw text of a non-JSON frame).</summary>
    public static IReadOnlyList<string> LoadSeeds()
    {
        var seeds = new List<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Vectors"), "server_*.json").Order(StringComparer.Ordinal))
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(file));
            JsonElement frame = document.RootElement.GetProperty("frame");
            switch (frame.ValueKind)
            {
                case JsonValueKind.Array:
                    seeds.AddRange(frame.EnumerateArray().Select(e => e.GetRawText()));
                    break;
                case JsonValueKind.Object when frame.TryGetProperty("unparsed_text", out JsonElement raw):
                    seeds.Add(raw.GetString()!);
                    break;
                default:
                    seeds.Add(frame.GetRawText());
                    break;
            }
        }

        return seeds;
    }

    public int SeedCount => _rawSeeds.Count;

    /// <summary>Makes the next frame.</summary>
    /// <param name="kind">Which mutation made it.</param>
    /// <returns>The frame's bytes.</returns>
    public byte[] Next(out string kind)
    {
        kind = Kinds[_random.Next(Kinds.Length)];
        return Make(kind);
    }

    public byte[] Make(string kind) => kind switch
    {
        "valid" => _rawSeeds[_random.Next(_rawSeeds.Count)],
        "truncated" => Truncate(Serialize(PickSeed())),
        "wrong_type" => Structural(ReplaceWithOtherType),
        "huge_number" => Structural((root, _) => ReplaceRandom(root, RawValue(s_hugeNumbers[_random.Next(s_hugeNumbers.Length)]))),
        "huge_string" => Structural((root, _) => ReplaceRandom(root, JsonValue.Create(HugeString()))),
        "deep_nesting" => Structural((root, _) => ReplaceRandom(root, RawValue(Nesting(_random.Next(2, 200))))),
        "invalid_utf8" => InvalidUtf8(Serialize(PickSeed())),
        "bad_escape" => Structural((root, _) => ReplaceRandom(root, RawValue("\"a" + s_badStrings[_random.Next(s_badStrings.Length)] + "b\""))),
        "unknown_field" => Structural(AddUnknownField),
        "bad_base64" => Structural(BadBase64),
        "random_bytes" => RandomBytes(),
        "random_json_tokens" => RandomTokens(),
        "byte_flips" => Flip(Serialize(PickSeed())),
        "mixed" => Flip(Truncate(Structural(ReplaceWithOtherType), keepAtLeast: 8)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private JsonObject PickSeed() => (JsonObject)_seeds[_random.Next(_seeds.Count)].DeepClone();

    private byte[] Structural(Action<JsonObject, Random> mutate)
    {
        JsonObject root = PickSeed();
        mutate(root, _random);
        return Serialize(root);
    }

    private static byte[] Serialize(JsonNode node)
    {
        string text = node.ToJsonString();
        if (!text.Contains(RawPlaceholder, StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetBytes(text);
        }

        // Raw values (numbers JSON cannot hold, bad escapes, deep nesting) replace their placeholders verbatim.
        var builder = new StringBuilder(text.Length);
        int index = 0;
        while (true)
        {
            int at = text.IndexOf("\"" + RawPlaceholder, index, StringComparison.Ordinal);
            if (at < 0)
            {
                builder.Append(text, index, text.Length - index);
                break;
            }

            builder.Append(text, index, at - index);
            int end = text.IndexOf('"', at + 1);
            string encoded = text.Substring(at + 1 + RawPlaceholder.Length, end - at - 1 - RawPlaceholder.Length);
            builder.Append(Encoding.UTF8.GetString(Convert.FromHexString(encoded)));
            index = end + 1;
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static JsonValue RawValue(string raw) => JsonValue.Create(RawPlaceholder + Convert.ToHexString(Encoding.UTF8.GetBytes(raw)));

    private static List<(JsonNode? Parent, object Key, JsonNode? Node)> Walk(JsonNode root)
    {
        var all = new List<(JsonNode?, object, JsonNode?)>();
        void Visit(JsonNode? parent, object key, JsonNode? node)
        {
            all.Add((parent, key, node));
            switch (node)
            {
                case JsonObject obj:
                    foreach (KeyValuePair<string, JsonNode?> property in obj.ToList())
                    {
                        Visit(obj, property.Key, property.Value);
                    }

                    break;
                case JsonArray array:
                    for (int i = 0; i < array.Count; i++)
                    {
                        Visit(array, i, array[i]);
                    }

                    break;
            }
        }

        Visit(null, "", root);
        return all;
    }

    private void ReplaceRandom(JsonObject root, JsonNode? replacement)
    {
        List<(JsonNode? Parent, object Key, JsonNode? Node)> nodes = Walk(root).Where(n => n.Parent is not null).ToList();
        if (nodes.Count == 0)
        {
            root["fuzz"] = replacement;
            return;
        }

        (JsonNode? parent, object key, _) = nodes[_random.Next(nodes.Count)];
        if (parent is JsonObject obj)
        {
            obj[(string)key] = replacement;
        }
        else
        {
            ((JsonArray)parent!)[(int)key] = replacement;
        }
    }

    private void ReplaceWithOtherType(JsonObject root, Random random)
    {
        JsonNode? value = random.Next(8) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(-1000, 1000)),
            3 => JsonValue.Create(random.NextDouble() * 1e6),
            4 => JsonValue.Create("str" + random.Next(100)),
            5 => new JsonArray(JsonValue.Create(1), JsonValue.Create("x"), null),
            6 => new JsonObject { ["x"] = 1 },
            _ => new JsonArray(),
        };
        ReplaceRandom(root, value);
    }

    private void AddUnknownField(JsonObject root, Random random)
    {
        List<JsonObject> objects = Walk(root).Select(n => n.Node).OfType<JsonObject>().ToList();
        JsonObject target = objects[random.Next(objects.Count)];
        string name = "fuzzUnknown" + random.Next(1000);
        if (!target.ContainsKey(name))
        {
            target[name] = random.Next(3) switch
            {
                0 => JsonValue.Create("surprise"),
                1 => new JsonObject { ["nested"] = new JsonArray(1, 2, 3), ["deeper"] = new JsonObject { ["x"] = null } },
                _ => JsonValue.Create(random.Next()),
            };
        }
    }

    private void BadBase64(JsonObject root, Random random)
    {
        List<(JsonNode? Parent, object Key, JsonNode? Node)> data = Walk(root).Where(n => n.Key is "data").ToList();
        string bad = s_badBase64[random.Next(s_badBase64.Length)];
        if (data.Count == 0)
        {
            root["serverContent"] = new JsonObject { ["modelTurn"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["inlineData"] = new JsonObject { ["mimeType"] = "audio/pcm", ["data"] = RawValue("\"" + bad + "\"") } }) } };
            return;
        }

        (JsonNode? parent, _, _) = data[random.Next(data.Count)];
        ((JsonObject)parent!)["data"] = RawValue("\"" + bad + "\"");
    }

    private string HugeString()
    {
        // Mostly tens of kilobytes, sometimes up to 1 MiB: large, but the memory stays bounded.
        int length = _random.Next(10) == 0 ? _random.Next(256 * 1024, 1024 * 1024) : _random.Next(1024, 64 * 1024);
        return new string((char)('a' + _random.Next(26)), length);
    }

    private string Nesting(int depth)
    {
        bool objects = _random.Next(2) == 0;
        var builder = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++)
        {
            builder.Append(objects ? "{\"a\":" : "[");
        }

        builder.Append('1');
        for (int i = 0; i < depth; i++)
        {
            builder.Append(objects ? '}' : ']');
        }

        return builder.ToString();
    }

    private byte[] Truncate(byte[] frame, int keepAtLeast = 0)
    {
        if (frame.Length <= 1)
        {
            return frame;
        }

        int length = _random.Next(Math.Min(keepAtLeast, frame.Length - 1), frame.Length);
        return frame[..length];
    }

    private byte[] InvalidUtf8(byte[] frame)
    {
        byte[][] bad = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xF4, 0x90, 0x80, 0x80]];
        byte[] insert = bad[_random.Next(bad.Length)];

        // Prefer the inside of a string value, else anywhere.
        int quote = Array.IndexOf(frame, (byte)'"', _random.Next(frame.Length));
        int at = quote >= 0 ? quote + 1 : _random.Next(frame.Length + 1);
        return [.. frame.AsSpan(0, at), .. insert, .. frame.AsSpan(at)];
    }

    private byte[] Flip(byte[] frame)
    {
        byte[] copy = [.. frame];
        if (copy.Length == 0)
        {
            return copy;
        }

        int flips = _random.Next(1, 6);
        for (int i = 0; i < flips; i++)
        {
            copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
        }

        return copy;
    }

    private byte[] RandomBytes()
    {
        byte[] bytes = new byte[_random.Next(0, 512)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private byte[] RandomTokens()
    {
        string[] tokens = ["{", "}", "[", "]", ":", ",", "\"serverContent\"", "\"toolCall\"", "\"goAway\"", "\"a\"", "1", "-1e999", "true", "null", "\"\\u", " ", "\"functionCalls\"", "\"modelTurn\""];
        var builder = new StringBuilder();
        int count = _random.Next(1, 64);
        for (int i = 0; i < count; i++)
        {
            builder.Append(tokens[_random.Next(tokens.Length)]);
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
