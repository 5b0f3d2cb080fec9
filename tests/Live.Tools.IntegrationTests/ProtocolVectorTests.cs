using System.Text.Json.Nodes;
using static Live.Tools.IntegrationTests.ToolTestHelpers;

namespace Live.Tools.IntegrationTests;

/// <summary>The declarations serialize exactly as the official client sends the same schema (setup_rich_text vector).</summary>
public class ProtocolVectorTests
{
    // frame.setup.tools[0].functionDeclarations of shared/protocol/vectors/setup_rich_text.json (@google/genai 3.1.0).
    private const string VectorFunctionDeclarations = """
        [
          {
            "name": "get_weather",
            "description": "Get the current weather for a city.",
            "parameters": {
              "type": "OBJECT",
              "properties": {
                "city": { "type": "STRING", "description": "City name, e.g. Paris" },
                "unit": { "type": "STRING", "enum": ["celsius", "fahrenheit"], "description": "Temperature unit" },
                "days": { "type": "INTEGER", "description": "Forecast days", "minimum": 1, "maximum": 7 },
                "threshold": { "type": "NUMBER", "format": "float", "nullable": true },
                "include_hourly": { "type": "BOOLEAN" },
                "tags": { "type": "ARRAY", "items": { "type": "STRING" }, "maxItems": "5" },
                "location": {
                  "type": "OBJECT",
                  "properties": { "lat": { "type": "NUMBER" }, "lon": { "type": "NUMBER" } },
                  "required": ["lat", "lon"],
                  "propertyOrdering": ["lat", "lon"]
                }
              },
              "required": ["city"]
            }
          },
          {
            "name": "stop_timer",
            "description": "A function without parameters."
          }
        ]
        """;

    [Fact]
    public void The_declarations_serialize_like_the_official_client_apart_from_integer_formats()
    {
        JsonArray actual = new();
        foreach (FunctionDeclaration declaration in VectorTools.LiveFunctionDeclarations)
        {
            actual.Add(TestJsonContext.ToNode(declaration));
        }

        // The vector's hand-written schema omits "format" on the INTEGER; the generator states int32 for an int.
        JsonNode days = actual[0]!["parameters"]!["properties"]!["days"]!;
        Assert.Equal("int32", days["format"]!.GetValue<string>());
        days.AsObject().Remove("format");

        // The generator states the behavior of every tool (BLOCKING when unannotated), since Gemini 3.8 Live would run a
        // declaration without it as NON_BLOCKING; the vector, written for older models, leaves it out.
        foreach (JsonNode? declaration in actual)
        {
            Assert.Equal("BLOCKING", declaration!["behavior"]!.GetValue<string>());
            declaration.AsObject().Remove("behavior");
        }

        AssertJson(VectorFunctionDeclarations, actual);
    }

    [Fact]
    public async Task The_vector_tool_binds_the_vector_tool_call()
    {
        // The args of server_tool_call.json.
        await AssertResponseAsync(VectorTools.ToolSet, "get_weather", """{"city":"Paris","days":3}""", """{"output":"Paris|Celsius|3|null|False|-1|null"}""");
        await AssertResponseAsync(VectorTools.ToolSet, "stop_timer", "{}", "{}");
    }
}
