using static Live.Tools.IntegrationTests.ToolTestHelpers;

namespace Live.Tools.IntegrationTests;

public class ObjectToolsTests
{
    private readonly ILiveToolSet _tools = new ObjectTools();

    [Fact]
    public async Task Reads_nested_objects_and_arrays_and_writes_a_nested_record()
    {
        await AssertResponseAsync(
            _tools,
            "place_order",
            """{"request":{"customer":"Ada","items":[{"sku":"A1","count":2},{"sku":"B2"}],"destination":{"lat":1.5,"lon":2.5},"courierNote":"ring twice","priority":"low","secret":"x"}}""",
            """{"output":{"customer":"Ada","total_count":3,"note":"ring twice","priority":"low","destination":{"lat":1.5,"lon":2.5},"skus":["A1","B2"]}}""");
    }

    [Fact]
    public async Task Missing_optional_properties_keep_their_initializers()
    {
        await AssertResponseAsync(
            _tools,
            "place_order",
            """{"request":{"customer":"Ada","items":[]}}""",
            """{"output":{"customer":"Ada","total_count":0,"note":"none","priority":"very_high","destination":null,"skus":[]}}""");
    }

    [Theory]
    [InlineData("""{"request":{"customer":"Ada","items":[{"sku":"A"},{"sku":"B"},{"sku":"C","count":"x"}]}}""", "request.items[2].count: expected an integer; got \"x\"")]
    [InlineData("""{"request":{"items":[]}}""", "request.customer: required property is missing")]
    [InlineData("""{"request":{"customer":"Ada","items":[{"count":1}]}}""", "request.items[0].sku: required property is missing")]
    [InlineData("""{"request":{"customer":"Ada","items":[],"destination":{"lat":1}}}""", "request.destination.lon: required property is missing")]
    [InlineData("""{"request":{"customer":"Ada","items":[],"priority":"meh"}}""", "request.priority: expected one of \"low\", \"very_high\", \"URGENT!\"; got \"meh\"")]
    [InlineData("""{"request":"Ada"}""", "request: expected an object; got \"Ada\"")]
    [InlineData("""{"request":{"customer":null,"items":[]}}""", "request.customer: expected a string; got null")]
    public async Task A_wrong_nested_value_names_its_full_path(string args, string error)
    {
        await AssertErrorAsync(_tools, "place_order", args, error);
    }

    [Fact]
    public async Task Structs_are_read_and_their_annotations_enforced()
    {
        await AssertResponseAsync(_tools, "area", """{"size":{"width":3,"height":4}}""", """{"output":12}""");
        await AssertResponseAsync(_tools, "area", """{"size":{}}""", """{"output":0}""");
        await AssertErrorAsync(_tools, "area", """{"size":{"width":3,"height":101}}""", "size.height: expected an integer from 0 to 100; got 101");
    }

    [Fact]
    public async Task A_missing_constructor_argument_with_a_default_uses_it()
    {
        await AssertResponseAsync(_tools, "search", """{"options":{"query":"x"}}""", """{"output":{"query":"x","limit":10}}""");
        await AssertResponseAsync(_tools, "search", """{"options":{"query":"x","limit":3}}""", """{"output":{"query":"x","limit":3}}""");
    }

    [Theory]
    [InlineData("{}", "null")]
    [InlineData("""{"point":null}""", "null")]
    [InlineData("""{"point":{"lat":1,"lon":2}}""", """{"lat":1,"lon":2}""")]
    public async Task A_nullable_object_binds_null_when_missing(string args, string output)
    {
        await AssertResponseAsync(_tools, "locate", args, "{\"output\":" + output + "}");
    }

    [Fact]
    public void Objects_map_to_properties_required_and_property_ordering_with_descriptions()
    {
        AssertJson(
            """
            {
              "type": "OBJECT",
              "description": "The order.",
              "properties": {
                "customer": { "type": "STRING", "description": "The customer." },
                "items": {
                  "type": "ARRAY",
                  "description": "The lines.",
                  "items": {
                    "type": "OBJECT",
                    "properties": {
                      "sku": { "type": "STRING", "description": "The product code." },
                      "count": { "type": "INTEGER", "format": "int32", "description": "How many." }
                    },
                    "required": ["sku"],
                    "propertyOrdering": ["sku", "count"]
                  }
                },
                "destination": {
                  "type": "OBJECT",
                  "description": "Where to deliver.",
                  "nullable": true,
                  "properties": {
                    "lat": { "type": "NUMBER", "description": "Latitude in degrees." },
                    "lon": { "type": "NUMBER", "description": "Longitude in degrees." }
                  },
                  "required": ["lat", "lon"],
                  "propertyOrdering": ["lat", "lon"]
                },
                "courierNote": { "type": "STRING", "description": "A note for the courier.", "nullable": true },
                "priority": { "type": "STRING", "description": "Delivery priority.", "enum": ["low", "very_high", "URGENT!"] }
              },
              "required": ["customer", "items"],
              "propertyOrdering": ["customer", "items", "destination", "courierNote", "priority"]
            }
            """,
            TestJsonContext.ParameterSchema(_tools, "place_order", "request"));
    }

    [Fact]
    public void Constructor_defaults_are_optional_and_stated()
    {
        AssertJson(
            """
            {
              "type": "OBJECT",
              "description": "The search.",
              "properties": {
                "query": { "type": "STRING", "description": "What to look for." },
                "limit": { "type": "INTEGER", "format": "int32", "description": "How many results. Default: 10." }
              },
              "required": ["query"],
              "propertyOrdering": ["query", "limit"]
            }
            """,
            TestJsonContext.ParameterSchema(_tools, "search", "options"));
    }
}
