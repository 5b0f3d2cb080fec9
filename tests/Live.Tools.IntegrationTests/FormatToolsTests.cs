using static Live.Tools.IntegrationTests.ToolTestHelpers;

namespace Live.Tools.IntegrationTests;

/// <summary>
/// The "compiles, then misbehaves" cases of the generator: public fields, bytes, [Flags] enums and the string-form
/// DataAnnotations now bind, write and check as System.Text.Json and DataAnnotations users expect.
/// </summary>
public class FormatToolsTests
{
    private readonly ILiveToolSet _tools = new FormatTools();
    private readonly ILiveToolSet _strings = new StringRuleTools();

    [Fact]
    public async Task Fields_with_JsonInclude_are_in_the_schema_and_bind_and_plain_fields_are_left_out()
    {
        AssertJson(
            """
            {
              "type": "OBJECT",
              "properties": {
                "text": { "type": "STRING", "description": "The text, a field System.Text.Json reads because of [JsonInclude]." },
                "size": { "type": "INTEGER", "format": "int32", "description": "The size, a field included the same way." }
              },
              "propertyOrdering": ["text", "size"]
            }
            """,
            TestJsonContext.ParameterSchema(_tools, "describe", "label"));

        // "color" is ignored as System.Text.Json ignores it: the field keeps its initial value.
        await AssertResponseAsync(_tools, "describe", """{"label":{"text":"hi","size":3,"color":"green"}}""", """{"output":"hi|3|black"}""");
    }

    [Fact]
    public async Task Fields_with_JsonInclude_are_written_in_results_and_plain_fields_are_not()
    {
        await AssertResponseAsync(_tools, "make_label", """{"text":"hi","size":2}""", """{"output":{"text":"hi","size":2}}""");
    }

    [Fact]
    public async Task Bytes_are_a_base64_string_read_and_written()
    {
        AssertJson("""{"type":"STRING","format":"byte"}""", TestJsonContext.ParameterSchema(_tools, "byte_count", "data"));
        AssertJson("""{"type":"STRING","format":"byte"}""", TestJsonContext.ParameterSchema(_tools, "memory_length", "data"));
        AssertJson("""{"type":"STRING","format":"byte","nullable":true}""", TestJsonContext.ParameterSchema(_tools, "memory_length", "extra"));

        await AssertResponseAsync(_tools, "byte_count", """{"data":"AQID"}""", """{"output":3}""");
        await AssertResponseAsync(_tools, "reverse", """{"data":"AQID"}""", """{"output":"AwIB"}""");
        await AssertResponseAsync(_tools, "memory_length", """{"data":"AQID","extra":"AAAA"}""", """{"output":6}""");
        await AssertResponseAsync(_tools, "memory_length", """{"data":""}""", """{"output":0}""");
        await AssertResponseAsync(_tools, "repeat", """{"value":7,"count":2}""", """{"output":"Bwc="}""");

        // What System.Text.Json writes for the same bytes.
        Assert.Equal("\"AwIB\"", System.Text.Json.JsonSerializer.Serialize(new byte[] { 3, 2, 1 }, ByteJsonContext.Default.ByteArray));
    }

    [Fact]
    public async Task Length_annotations_on_bytes_count_the_decoded_bytes()
    {
        AssertJson("""{"type":"STRING","format":"byte","description":"At most 3 bytes."}""", TestJsonContext.ParameterSchema(_tools, "limited", "data"));
        AssertJson("""{"type":"STRING","format":"byte","nullable":true,"description":"From 1 to 2 bytes."}""", TestJsonContext.ParameterSchema(_tools, "limited", "tag"));

        // "AQID" is four base64 characters and three bytes.
        await AssertResponseAsync(_tools, "limited", """{"data":"AQID","tag":"AQ=="}""", """{"output":4}""");
        await AssertErrorAsync(_tools, "limited", """{"data":"AQIDBA=="}""", "data: expected at most 3 bytes (base64-decoded); got 4 bytes");
        await AssertErrorAsync(_tools, "limited", """{"data":"AQ==","tag":""}""", "tag: expected 1 to 2 bytes (base64-decoded); got 0 bytes");
    }

    [Theory]
    [InlineData("byte_count", """{"data":"not base64!"}""", "data: expected a base64 string; got \"not base64!\"")]
    [InlineData("byte_count", """{"data":[1,2,3]}""", "data: expected a base64 string; got an array")]
    [InlineData("memory_length", """{"data":"AQID","extra":"A"}""", "extra: expected a base64 string; got \"A\"")]
    public async Task Bad_base64_is_an_argument_error_naming_the_parameter(string tool, string args, string error)
    {
        await AssertErrorAsync(_tools, tool, args, error);
    }

    [Fact]
    public async Task Flags_enums_are_an_array_of_names_combined_when_read()
    {
        AssertJson(
            """{"type":"ARRAY","items":{"type":"STRING","enum":["none","read","write","delete","read_write"]}}""",
            TestJsonContext.ParameterSchema(_tools, "access_value", "access"));

        await AssertResponseAsync(_tools, "access_value", """{"access":["read","delete"]}""", """{"output":5}""");
        await AssertResponseAsync(_tools, "access_value", """{"access":["read_write","delete"]}""", """{"output":7}""");
        await AssertResponseAsync(_tools, "access_value", """{"access":[]}""", """{"output":0}""");
        await AssertErrorAsync(_tools, "access_value", """{"access":"read"}""", "access: expected an array; got \"read\"");
        await AssertErrorAsync(_tools, "access_value", """{"access":["read","exec"]}""", "access[1]: expected one of \"none\", \"read\", \"write\", \"delete\", \"read_write\"; got \"exec\"");
    }

    [Theory]
    [InlineData(0, "[]")]
    [InlineData(1, """["read"]""")]
    [InlineData(5, """["read","delete"]""")]
    [InlineData(7, """["read","write","delete"]""")]
    [InlineData(13, """["read","delete",8]""")]
    public async Task Flags_enums_are_written_as_the_names_they_hold(int value, string output)
    {
        await AssertResponseAsync(_tools, "grant", "{\"value\":" + value + "}", "{\"output\":" + output + "}");
    }

    [Theory]
    [InlineData("email", "address", "ada@example.com")]
    [InlineData("link", "url", "HTTPS://example.com/a")]
    [InlineData("link", "url", "ftp://files.example.com")]
    [InlineData("call", "number", "+1 (555) 010-9999 ext. 12")]
    [InlineData("call", "number", "555.010.9999")]
    [InlineData("blob", "payload", "AQID")]
    [InlineData("amount", "amount", "10")]
    [InlineData("amount", "amount", "2.5")]
    [InlineData("size", "size", "large")]
    [InlineData("name", "user", "ada")]
    public async Task Strings_of_the_annotated_form_bind(string tool, string parameter, string value)
    {
        string json = System.Text.Json.JsonSerializer.Serialize(value, ByteJsonContext.Default.String);
        await AssertResponseAsync(_strings, tool, "{\"" + parameter + "\":" + json + "}", "{\"output\":" + json + "}");
    }

    [Theory]
    [InlineData("email", """{"address":"ada.example.com"}""", "address: expected an email address; got \"ada.example.com\"")]
    [InlineData("email", """{"address":"ada@"}""", "address: expected an email address; got \"ada@\"")]
    [InlineData("email", """{"address":"a@b@c"}""", "address: expected an email address; got \"a@b@c\"")]
    [InlineData("link", """{"url":"example.com"}""", "url: expected an http, https or ftp URL; got \"example.com\"")]
    [InlineData("call", """{"number":"call me"}""", "number: expected a phone number; got \"call me\"")]
    [InlineData("call", """{"number":"--"}""", "number: expected a phone number; got \"--\"")]
    [InlineData("blob", """{"payload":"AQI"}""", "payload: expected a base64 string; got \"AQI\"")]
    [InlineData("amount", """{"amount":"eleven"}""", "amount: expected a number; got \"eleven\"")]
    [InlineData("amount", """{"amount":"11"}""", "amount: expected a number from 1 to 10; got 11")]
    [InlineData("size", """{"size":"medium"}""", "size: expected one of \"small\", \"large\"; got \"medium\"")]
    [InlineData("name", """{"user":"root"}""", "user: expected none of \"admin\", \"root\"; got \"root\"")]
    public async Task Strings_not_of_the_annotated_form_are_refused_naming_parameter_and_rule(string tool, string args, string error)
    {
        await AssertErrorAsync(_strings, tool, args, error);
    }

    [Theory]
    [InlineData("email", "address", """{"type":"STRING","format":"email","description":"An email address."}""")]
    [InlineData("link", "url", """{"type":"STRING","format":"uri","description":"An http, https or ftp URL."}""")]
    [InlineData("call", "number", """{"type":"STRING","description":"A phone number."}""")]
    [InlineData("blob", "payload", """{"type":"STRING","format":"byte","description":"Base64-encoded."}""")]
    [InlineData("amount", "amount", """{"type":"STRING","description":"A number from 1 to 10, written as a string."}""")]
    [InlineData("size", "size", """{"type":"STRING","enum":["small","large"]}""")]
    [InlineData("name", "user", """{"type":"STRING","description":"Not \"admin\", \"root\"."}""")]
    public void String_annotations_map_to_the_schema(string tool, string parameter, string schemaJson)
    {
        AssertJson(schemaJson, TestJsonContext.ParameterSchema(_strings, tool, parameter));
    }
}
