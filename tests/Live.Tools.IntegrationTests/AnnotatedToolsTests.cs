using static Live.Tools.IntegrationTests.ToolTestHelpers;

namespace Live.Tools.IntegrationTests;

public class AnnotatedToolsTests
{
    private readonly ILiveToolSet _tools = new AnnotatedTools();
    private readonly ILiveToolSet _optional = new OptionalTools();

    [Theory]
    [InlineData("ranged", """{"days":7}""", "7")]
    [InlineData("ranged", """{"days":1.0}""", "1")]
    [InlineData("ranged_number", """{"factor":2.5}""", "2.5")]
    [InlineData("min_len", """{"text":"ab"}""", "\"ab\"")]
    [InlineData("max_len", """{"text":"abc"}""", "\"abc\"")]
    [InlineData("len", """{"text":"abcd"}""", "\"abcd\"")]
    [InlineData("str_len", """{"text":"ab"}""", "\"ab\"")]
    [InlineData("pattern", """{"text":"abc"}""", "\"abc\"")]
    [InlineData("required_text", """{"text":"x"}""", "\"x\"")]
    [InlineData("item_count", """{"values":[1,2,3]}""", "3")]
    public async Task Values_inside_the_annotations_bind(string tool, string args, string output)
    {
        await AssertResponseAsync(_tools, tool, args, "{\"output\":" + output + "}");
    }

    [Theory]
    [InlineData("ranged", """{"days":8}""", "days: expected an integer from 1 to 7; got 8")]
    [InlineData("ranged", """{"days":0}""", "days: expected an integer from 1 to 7; got 0")]
    [InlineData("ranged_number", """{"factor":3}""", "factor: expected a number from 0.5 to 2.5; got 3")]
    [InlineData("min_len", """{"text":"a"}""", "text: expected a string of at least 2 characters; got 1 characters")]
    [InlineData("max_len", """{"text":"abcd"}""", "text: expected a string of at most 3 characters; got 4 characters")]
    [InlineData("len", """{"text":"a"}""", "text: expected a string of 2 to 4 characters; got 1 characters")]
    [InlineData("str_len", """{"text":"abcdef"}""", "text: expected a string of 2 to 5 characters; got 6 characters")]
    [InlineData("pattern", """{"text":"abc1"}""", "text: expected a string matching the pattern [a-z]+; got \"abc1\"")]
    [InlineData("required_text", """{"text":""}""", "text: expected a non-empty string; got \"\"")]
    [InlineData("required_text", """{"text":"  "}""", "text: expected a non-empty string; got \"  \"")]
    [InlineData("required_text", """{"text":null}""", "text: expected a string; got null")]
    [InlineData("required_text", """{}""", "text: required parameter is missing")]
    [InlineData("item_count", """{"values":[]}""", "values: expected 1 to 3 items; got 0 items")]
    [InlineData("item_count", """{"values":[1,2,3,4]}""", "values: expected 1 to 3 items; got 4 items")]
    public async Task Values_outside_the_annotations_are_refused(string tool, string args, string error)
    {
        await AssertErrorAsync(_tools, tool, args, error);
    }

    [Theory]
    [InlineData("ranged", "days", """{"type":"INTEGER","format":"int32","minimum":1,"maximum":7}""")]
    [InlineData("ranged_number", "factor", """{"type":"NUMBER","minimum":0.5,"maximum":2.5}""")]
    [InlineData("min_len", "text", """{"type":"STRING","minLength":"2"}""")]
    [InlineData("max_len", "text", """{"type":"STRING","maxLength":"3"}""")]
    [InlineData("len", "text", """{"type":"STRING","minLength":"2","maxLength":"4"}""")]
    [InlineData("str_len", "text", """{"type":"STRING","minLength":"2","maxLength":"5"}""")]
    [InlineData("pattern", "text", """{"type":"STRING","pattern":"[a-z]+"}""")]
    [InlineData("required_text", "text", """{"type":"STRING","nullable":true}""")]
    [InlineData("item_count", "values", """{"type":"ARRAY","items":{"type":"INTEGER","format":"int32"},"minItems":"1","maxItems":"3"}""")]
    public void Annotations_map_to_the_schema(string tool, string parameter, string schemaJson)
    {
        AssertJson(schemaJson, TestJsonContext.ParameterSchema(_tools, tool, parameter));
        AssertJson("[\"" + parameter + "\"]", TestJsonContext.ToNode(TestJsonContext.Parameters(_tools, tool))!["required"]);
    }

    [Theory]
    [InlineData("{}", "hello|null|null|1.5|False|Low")]
    [InlineData("""{"name":"Ada","age":3,"greeting":"hi","factor":2,"loud":true,"priority":"very_high"}""", "hi|Ada|3|2|True|VeryHigh")]
    [InlineData("""{"name":null,"age":null,"greeting":null,"factor":null}""", "hello|null|null|1.5|False|Low")]
    [InlineData("""{"extra":"ignored","age":4}""", "hello|null|4|1.5|False|Low")]
    public async Task Nullable_parameters_bind_null_and_defaults_bind_when_missing(string args, string output)
    {
        await AssertResponseAsync(_optional, "describe", args, "{\"output\":\"" + output + "\"}");
    }

    [Fact]
    public void Nullable_and_defaulted_parameters_are_not_required_and_defaults_are_stated()
    {
        AssertJson(
            """
            {
              "type": "OBJECT",
              "properties": {
                "name": { "type": "STRING", "nullable": true },
                "age": { "type": "INTEGER", "format": "int32", "nullable": true },
                "greeting": { "type": "STRING", "description": "Default: \"hello\"." },
                "factor": { "type": "NUMBER", "description": "Default: 1.5." },
                "loud": { "type": "BOOLEAN", "description": "Default: false." },
                "priority": { "type": "STRING", "description": "Default: low.", "enum": ["low", "very_high", "URGENT!"] }
              }
            }
            """,
            TestJsonContext.ToNode(TestJsonContext.Parameters(_optional, "describe")));
    }

    [Fact]
    public async Task Optional_attribute_parameters_are_not_required_and_bind_their_default()
    {
        await AssertResponseAsync(_optional, "unstated", "{}", """{"output":"0|null"}""");
        await AssertResponseAsync(_optional, "unstated", """{"count":2,"tags":["a"]}""", """{"output":"2|1"}""");
        AssertJson(
            """{"type":"OBJECT","properties":{"count":{"type":"INTEGER","format":"int32"},"tags":{"type":"ARRAY","items":{"type":"STRING"}}}}""",
            TestJsonContext.ToNode(TestJsonContext.Parameters(_optional, "unstated")));
    }
}
