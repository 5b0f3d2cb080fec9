using static Live.Tools.IntegrationTests.ToolTestHelpers;

namespace Live.Tools.IntegrationTests;

public class ScalarToolsTests
{
    private readonly ILiveToolSet _tools = new ScalarTools();

    [Theory]
    [InlineData("echo_string", "\"hi\"", "\"hi\"")]
    [InlineData("echo_char", "\"x\"", "\"x\"")]
    [InlineData("echo_bool", "true", "true")]
    [InlineData("echo_bool", "false", "false")]
    [InlineData("echo_byte", "255", "255")]
    [InlineData("echo_s_byte", "-128", "-128")]
    [InlineData("echo_short", "-32768", "-32768")]
    [InlineData("echo_u_short", "65535", "65535")]
    [InlineData("echo_int", "42", "42")]
    [InlineData("echo_int", "3.0", "3")]
    [InlineData("echo_int", "1e2", "100")]
    [InlineData("echo_int", "-2147483648", "-2147483648")]
    [InlineData("echo_u_int", "4294967295", "4294967295")]
    [InlineData("echo_long", "9007199254740993", "9007199254740993")]
    [InlineData("echo_long", "-5.0", "-5")]
    [InlineData("echo_u_long", "18446744073709551615", "18446744073709551615")]
    [InlineData("echo_n_int", "-7", "-7")]
    [InlineData("echo_nu_int", "7.0", "7")]
    [InlineData("echo_float", "1.5", "1.5")]
    [InlineData("echo_double", "2.25", "2.25")]
    [InlineData("echo_decimal", "12.345", "12.345")]
    [InlineData("echo_enum", "\"very_high\"", "\"very_high\"")]
    [InlineData("echo_enum", "\"URGENT!\"", "\"URGENT!\"")]
    [InlineData("echo_enum", "\"Very_High\"", "\"very_high\"")]
    [InlineData("echo_date_time", "\"2024-05-06T07:08:09Z\"", "\"2024-05-06T07:08:09Z\"")]
    [InlineData("echo_date_time_offset", "\"2024-05-06T07:08:09+02:00\"", "\"2024-05-06T07:08:09+02:00\"")]
    [InlineData("echo_date_only", "\"2024-05-06\"", "\"2024-05-06\"")]
    [InlineData("echo_time_only", "\"07:08:09\"", "\"07:08:09\"")]
    [InlineData("echo_time_only", "\"07:08\"", "\"07:08:00\"")]
    [InlineData("echo_time_only", "\"07:08:09.5\"", "\"07:08:09.5\"")]
    [InlineData("echo_time_span", "\"1.02:03:04\"", "\"1.02:03:04\"")]
    [InlineData("echo_time_span", "\"00:30:00\"", "\"00:30:00\"")]
    [InlineData("echo_time_span", "\"-00:00:01.5\"", "\"-00:00:01.5000000\"")]
    [InlineData("echo_guid", "\"0f8fad5b-d9cb-469f-a165-70867728950e\"", "\"0f8fad5b-d9cb-469f-a165-70867728950e\"")]
    [InlineData("echo_uri", "\"https://example.com/a?b=c\"", "\"https://example.com/a?b=c\"")]
    [InlineData("echo_any", "{\"a\":[1,true,null,\"x\"]}", "{\"a\":[1,true,null,\"x\"]}")]
    [InlineData("echo_any", "null", "null")]
    [InlineData("echo_any", "7", "7")]
    public async Task Each_scalar_row_reads_and_writes_its_value(string tool, string valueJson, string outputJson)
    {
        await AssertResponseAsync(_tools, tool, "{\"value\":" + valueJson + "}", "{\"output\":" + outputJson + "}");
    }

    [Theory]
    [InlineData("echo_string", "3", "value: expected a string; got 3")]
    [InlineData("echo_string", "null", "value: expected a string; got null")]
    [InlineData("echo_char", "\"xy\"", "value: expected a single character; got \"xy\"")]
    [InlineData("echo_bool", "\"yes\"", "value: expected true or false; got \"yes\"")]
    [InlineData("echo_byte", "256", "value: expected an integer from 0 to 255; got 256")]
    [InlineData("echo_byte", "-1", "value: expected an integer from 0 to 255; got -1")]
    [InlineData("echo_short", "40000", "value: expected an integer from -32768 to 32767; got 40000")]
    [InlineData("echo_int", "3.5", "value: expected an integer; got 3.5")]
    [InlineData("echo_int", "\"3\"", "value: expected an integer; got \"3\"")]
    [InlineData("echo_int", "2147483648", "value: expected an integer from -2147483648 to 2147483647; got 2147483648")]
    [InlineData("echo_int", "3e10", "value: expected an integer from -2147483648 to 2147483647; got 3e10")]
    [InlineData("echo_u_int", "-1", "value: expected an integer from 0 to 4294967295; got -1")]
    [InlineData("echo_u_long", "-1", "value: expected an integer from 0 to 18446744073709551615; got -1")]
    [InlineData("echo_u_long", "1e20", "value: expected an integer from 0 to 18446744073709551615; got 1e20")]
    [InlineData("echo_long", "1e19", "value: expected an integer from -9223372036854775808 to 9223372036854775807; got 1e19")]
    [InlineData("echo_long", "true", "value: expected an integer; got true")]
    [InlineData("echo_nu_int", "-1", "value: expected an integer from 0 to 18446744073709551615; got -1")]
    [InlineData("echo_float", "\"x\"", "value: expected a number; got \"x\"")]
    [InlineData("echo_float", "1e39", "value: expected a number from -3.4028234663852886E+38 to 3.4028234663852886E+38; got 1e39")]
    [InlineData("echo_double", "[1]", "value: expected a number; got an array")]
    [InlineData("echo_decimal", "{}", "value: expected a number; got an object")]
    [InlineData("echo_enum", "\"medium\"", "value: expected one of \"low\", \"very_high\", \"URGENT!\"; got \"medium\"")]
    [InlineData("echo_enum", "1", "value: expected one of \"low\", \"very_high\", \"URGENT!\"; got 1")]
    [InlineData("echo_date_time", "\"tomorrow\"", "value: expected an ISO 8601 date-time string; got \"tomorrow\"")]
    [InlineData("echo_date_time_offset", "0", "value: expected an ISO 8601 date-time string; got 0")]
    [InlineData("echo_date_only", "\"05/06/2024\"", "value: expected a date (yyyy-MM-dd); got \"05/06/2024\"")]
    [InlineData("echo_time_only", "\"7pm\"", "value: expected a time (HH:mm:ss); got \"7pm\"")]
    [InlineData("echo_time_span", "\"PT30M\"", "value: expected a duration ([-][d.]hh:mm:ss[.fffffff]); got \"PT30M\"")]
    [InlineData("echo_guid", "\"nope\"", "value: expected a UUID; got \"nope\"")]
    [InlineData("echo_uri", "\"not a uri\"", "value: expected an absolute URI; got \"not a uri\"")]
    public async Task A_wrong_value_names_the_parameter_what_was_expected_and_what_came(string tool, string valueJson, string error)
    {
        await AssertErrorAsync(_tools, tool, "{\"value\":" + valueJson + "}", error);
    }

    [Fact]
    public async Task A_long_string_is_shortened_in_the_error()
    {
        string text = new('a', 100);
        await AssertErrorAsync(_tools, "echo_int", "{\"value\":\"" + text + "\"}", "value: expected an integer; got \"" + new string('a', 79) + "…");
    }

    [Fact]
    public async Task A_missing_value_is_an_error_even_for_any_json()
    {
        await AssertErrorAsync(_tools, "echo_any", "{}", "value: required parameter is missing");
    }

    [Theory]
    [InlineData("echo_string", """{"type":"STRING","description":"The value."}""")]
    [InlineData("echo_char", """{"type":"STRING","minLength":"1","maxLength":"1"}""")]
    [InlineData("echo_bool", """{"type":"BOOLEAN"}""")]
    [InlineData("echo_byte", """{"type":"INTEGER","format":"int32"}""")]
    [InlineData("echo_s_byte", """{"type":"INTEGER","format":"int32"}""")]
    [InlineData("echo_short", """{"type":"INTEGER","format":"int32"}""")]
    [InlineData("echo_u_short", """{"type":"INTEGER","format":"int32"}""")]
    [InlineData("echo_int", """{"type":"INTEGER","format":"int32"}""")]
    [InlineData("echo_u_int", """{"type":"INTEGER","format":"int64"}""")]
    [InlineData("echo_long", """{"type":"INTEGER","format":"int64"}""")]
    [InlineData("echo_u_long", """{"type":"INTEGER","format":"int64"}""")]
    [InlineData("echo_n_int", """{"type":"INTEGER","format":"int64"}""")]
    [InlineData("echo_nu_int", """{"type":"INTEGER","format":"int64"}""")]
    [InlineData("echo_float", """{"type":"NUMBER","format":"float"}""")]
    [InlineData("echo_double", """{"type":"NUMBER"}""")]
    [InlineData("echo_decimal", """{"type":"NUMBER"}""")]
    [InlineData("echo_enum", """{"type":"STRING","enum":["low","very_high","URGENT!"]}""")]
    [InlineData("echo_date_time", """{"type":"STRING","format":"date-time"}""")]
    [InlineData("echo_date_time_offset", """{"type":"STRING","format":"date-time"}""")]
    [InlineData("echo_date_only", """{"type":"STRING","format":"date"}""")]
    [InlineData("echo_time_only", """{"type":"STRING","format":"time"}""")]
    [InlineData("echo_time_span", """{"type":"STRING","description":"Format: [-][d.]hh:mm:ss[.fffffff] (for example 01:30:00 or 2.00:00:00)."}""")]
    [InlineData("echo_guid", """{"type":"STRING","format":"uuid"}""")]
    [InlineData("echo_uri", """{"type":"STRING","format":"uri"}""")]
    [InlineData("echo_any", """{"description":"Any JSON value."}""")]
    public void Each_scalar_row_maps_to_its_schema(string tool, string schemaJson)
    {
        AssertJson(schemaJson, TestJsonContext.ParameterSchema(_tools, tool, "value"));
        AssertJson("""["value"]""", TestJsonContext.ToNode(TestJsonContext.Parameters(_tools, tool))!["required"]);
    }

    [Fact]
    public void The_description_attribute_describes_the_tool()
    {
        Assert.True(_tools.TryGetTool("echo_string", out LiveToolInfo? info));
        Assert.Equal("Echoes a string.", info.Declaration.Description);
        Assert.Null(_tools.FunctionDeclarations[1].Description);
    }
}
