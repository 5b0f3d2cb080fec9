using static Live.Tools.IntegrationTests.ToolTestHelpers;

namespace Live.Tools.IntegrationTests;

public class CollectionToolsTests
{
    private readonly ILiveToolSet _tools = new CollectionTools();

    [Theory]
    [InlineData("echo_array", "[1,2,3]", "[1,2,3]")]
    [InlineData("echo_array", "[]", "[]")]
    [InlineData("echo_list", "[\"a\",\"b\"]", "[\"a\",\"b\"]")]
    [InlineData("echo_i_list", "[1,2.0]", "[1,2]")]
    [InlineData("echo_i_read_only_list", "[4]", "[4]")]
    [InlineData("echo_i_enumerable", "[5,6]", "[5,6]")]
    [InlineData("echo_i_collection", "[7]", "[7]")]
    [InlineData("echo_i_read_only_collection", "[8,9]", "[8,9]")]
    [InlineData("echo_hash_set", "[\"a\",\"a\",\"b\"]", "[\"a\",\"b\"]")]
    [InlineData("echo_immutable_array", "[1,2]", "[1,2]")]
    [InlineData("echo_nested", "[[1],[2,3],[]]", "[[1],[2,3],[]]")]
    [InlineData("echo_nullable_items", "[\"a\",null]", "[\"a\",null]")]
    [InlineData("echo_dictionary", "{\"a\":1,\"b\":2}", "{\"a\":1,\"b\":2}")]
    [InlineData("echo_i_dictionary", "{\"x\":1.5}", "{\"x\":1.5}")]
    [InlineData("echo_i_read_only_dictionary", "{\"k\":\"URGENT!\",\"l\":\"low\"}", "{\"k\":\"URGENT!\",\"l\":\"low\"}")]
    public async Task Each_collection_row_reads_and_writes_its_values(string tool, string valuesJson, string outputJson)
    {
        await AssertResponseAsync(_tools, tool, "{\"values\":" + valuesJson + "}", "{\"output\":" + outputJson + "}");
    }

    [Theory]
    [InlineData("echo_array", "\"x\"", "values: expected an array; got \"x\"")]
    [InlineData("echo_array", "[1,\"x\"]", "values[1]: expected an integer; got \"x\"")]
    [InlineData("echo_array", "[1,null]", "values[1]: expected an integer; got null")]
    [InlineData("echo_list", "[\"a\",2]", "values[1]: expected a string; got 2")]
    [InlineData("echo_nested", "[[1],[2,\"x\"]]", "values[1][1]: expected an integer; got \"x\"")]
    [InlineData("echo_nested", "[[1],3]", "values[1]: expected an array; got 3")]
    [InlineData("echo_dictionary", "[1]", "values: expected an object; got an array")]
    [InlineData("echo_dictionary", "{\"a\":1,\"b\":\"x\"}", "values[\"b\"]: expected an integer; got \"x\"")]
    [InlineData("echo_i_read_only_dictionary", "{\"k\":\"high\"}", "values[\"k\"]: expected one of \"low\", \"very_high\", \"URGENT!\"; got \"high\"")]
    public async Task A_wrong_element_names_its_path(string tool, string valuesJson, string error)
    {
        await AssertErrorAsync(_tools, tool, "{\"values\":" + valuesJson + "}", error);
    }

    [Theory]
    [InlineData("echo_array", """{"type":"ARRAY","items":{"type":"INTEGER","format":"int32"}}""")]
    [InlineData("echo_list", """{"type":"ARRAY","items":{"type":"STRING"}}""")]
    [InlineData("echo_i_list", """{"type":"ARRAY","items":{"type":"INTEGER","format":"int32"}}""")]
    [InlineData("echo_i_read_only_list", """{"type":"ARRAY","items":{"type":"INTEGER","format":"int32"}}""")]
    [InlineData("echo_i_enumerable", """{"type":"ARRAY","items":{"type":"INTEGER","format":"int32"}}""")]
    [InlineData("echo_i_collection", """{"type":"ARRAY","items":{"type":"INTEGER","format":"int32"}}""")]
    [InlineData("echo_i_read_only_collection", """{"type":"ARRAY","items":{"type":"INTEGER","format":"int32"}}""")]
    [InlineData("echo_hash_set", """{"type":"ARRAY","items":{"type":"STRING"}}""")]
    [InlineData("echo_immutable_array", """{"type":"ARRAY","items":{"type":"INTEGER","format":"int32"}}""")]
    [InlineData("echo_nested", """{"type":"ARRAY","items":{"type":"ARRAY","items":{"type":"INTEGER","format":"int32"}}}""")]
    [InlineData("echo_nullable_items", """{"type":"ARRAY","items":{"type":"STRING","nullable":true}}""")]
    [InlineData("echo_dictionary", """{"type":"OBJECT","description":"An object with free-form string keys; each value is an integer."}""")]
    [InlineData("echo_i_dictionary", """{"type":"OBJECT","description":"An object with free-form string keys; each value is a number."}""")]
    [InlineData("echo_i_read_only_dictionary", """{"type":"OBJECT","description":"An object with free-form string keys; each value is a string."}""")]
    public void Each_collection_row_maps_to_its_schema(string tool, string schemaJson)
    {
        AssertJson(schemaJson, TestJsonContext.ParameterSchema(_tools, tool, "values"));
    }
}
