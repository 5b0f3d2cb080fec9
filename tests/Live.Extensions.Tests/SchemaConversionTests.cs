using System.Text.Json;
using Live.Extensions.AI;
using Microsoft.Extensions.AI;

namespace Live.Extensions.Tests;

public class SchemaConversionTests
{
    [Fact]
    public void Keywords_Gemini_has_are_kept()
    {
        AIFunctionToolSet set = Set("""
            {"type":"object","properties":{
              "city":{"type":"string","description":"The city","minLength":2,"maxLength":40,"pattern":"^[A-Z]"},
              "days":{"type":["integer","null"],"minimum":1,"maximum":10,"default":3},
              "unit":{"enum":["c","f",null]},
              "tags":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":5},
              "when":{"type":"string","format":"date-time","examples":["2026-01-01T00:00:00Z"]},
              "either":{"anyOf":[{"type":"string"},{"type":"number"}]}
            },"required":["city"]}
            """);
        Schema p = set.FunctionDeclarations[0].Parameters!;

        Assert.Equal(SchemaType.Object, p.Type);
        Assert.Equal(["city"], p.Required);
        Schema city = p.Properties!["city"];
        Assert.Equal((SchemaType.String, "The city", 2L, 40L, "^[A-Z]"), (city.Type!.Value, city.Description!, city.MinLength!.Value, city.MaxLength!.Value, city.Pattern!));
        Schema days = p.Properties["days"];
        Assert.Equal((SchemaType.Integer, true, 1d, 10d, 3), (days.Type!.Value, days.Nullable!.Value, days.Minimum!.Value, days.Maximum!.Value, days.Default!.Value.GetInt32()));
        Assert.Equal(["c", "f"], p.Properties["unit"].Enum);
        Assert.True(p.Properties["unit"].Nullable);
        Assert.Equal((SchemaType.String, 1L, 5L), (p.Properties["tags"].Items!.Type!.Value, p.Properties["tags"].MinItems!.Value, p.Properties["tags"].MaxItems!.Value));
        Assert.Equal("date-time", p.Properties["when"].Format);
        Assert.Equal("2026-01-01T00:00:00Z", p.Properties["when"].Example!.Value.GetString());
        Assert.Equal([SchemaType.String, SchemaType.Number], p.Properties["either"].AnyOf!.Select(s => s.Type!.Value));
        Assert.Empty(set.ConversionNotes);
    }

    [Fact]
    public void Local_references_are_inlined()
    {
        AIFunctionToolSet set = Set("""
            {"type":"object","$defs":{"point":{"type":"object","properties":{"x":{"type":"number"}}}},
             "properties":{"from":{"$ref":"#/$defs/point","description":"Start"},"to":{"$ref":"#/$defs/point"}}}
            """);
        Schema p = set.FunctionDeclarations[0].Parameters!;

        Assert.Equal(SchemaType.Number, p.Properties!["from"].Properties!["x"].Type);
        Assert.Equal("Start", p.Properties["from"].Description);
        Assert.Equal(SchemaType.Object, p.Properties["to"].Type);
    }

    [Fact]
    public void Keywords_that_only_narrow_are_dropped_with_a_note()
    {
        AIFunctionToolSet set = Set("""
            {"type":"object","additionalProperties":false,"properties":{
              "n":{"type":"integer","exclusiveMinimum":0,"multipleOf":5},
              "kind":{"oneOf":[{"type":"string"},{"type":"integer"}]},
              "level":{"type":"integer","enum":[1,2,3]}
            }}
            """);
        Schema p = set.FunctionDeclarations[0].Parameters!;

        Assert.Equal(0d, p.Properties!["n"].Minimum);
        Assert.Null(p.Properties["level"].Enum);
        Assert.Equal(SchemaType.Integer, p.Properties["level"].Type);
        Assert.Equal(2, p.Properties["kind"].AnyOf!.Count);
        Assert.Contains(set.ConversionNotes, n => n.Contains("#/additionalProperties", StringComparison.Ordinal));
        Assert.Contains(set.ConversionNotes, n => n.Contains("#/properties/n/exclusiveMinimum", StringComparison.Ordinal));
        Assert.Contains(set.ConversionNotes, n => n.Contains("#/properties/n/multipleOf", StringComparison.Ordinal));
        Assert.Contains(set.ConversionNotes, n => n.Contains("#/properties/kind/oneOf", StringComparison.Ordinal));
        Assert.Contains(set.ConversionNotes, n => n.Contains("#/properties/level/enum", StringComparison.Ordinal));
        Assert.All(set.ConversionNotes, n => Assert.StartsWith("f ", n, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"node":{"$ref":"#"}}}""", "recursive")]
    [InlineData("""{"type":"object","properties":{"x":{"$ref":"https://example.com/s.json"}}}""", "only references inside")]
    [InlineData("""{"type":"object","properties":{"t":{"type":"array","items":[{"type":"string"}]}}}""", "tuple")]
    [InlineData("""{"type":"object","properties":{"a":{"allOf":[{"type":"string"},{"minLength":1}]}}}""", "allOf")]
    [InlineData("""{"type":"object","properties":{"c":{"const":3}}}""", "const")]
    [InlineData("""{"type":"object","properties":{"z":{"type":"null"}}}""", "null")]
    public void Schemas_Gemini_cannot_express_are_refused_naming_the_function_and_the_place(string schema, string reason)
    {
        var error = Assert.Throws<NotSupportedException>(() => Set(schema));
        Assert.Contains("\"f\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("#/properties/", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_made_by_AIFunctionFactory_converts_and_a_parameterless_one_has_no_parameters()
    {
        AIFunctionToolSet set = new[]
        {
            AIFunctionFactory.Create((string city, int? days) => city, "forecast"),
            AIFunctionFactory.Create(() => 1, "ping"),
        }.AsLiveToolSet();

        Schema forecast = set.FunctionDeclarations[0].Parameters!;
        Assert.Equal(SchemaType.String, forecast.Properties!["city"].Type);
        Assert.Equal(SchemaType.Integer, forecast.Properties["days"].Type);
        Assert.Null(set.FunctionDeclarations[1].Parameters);
    }

    private static AIFunctionToolSet Set(string schema) => new[] { new SchemaOnlyFunction("f", schema) }.AsLiveToolSet();

    private sealed class SchemaOnlyFunction(string name, string schema) : AIFunction
    {
        public override string Name => name;

        public override JsonElement JsonSchema { get; } = JsonDocument.Parse(schema).RootElement.Clone();

        protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) => new((object?)null);
    }
}
