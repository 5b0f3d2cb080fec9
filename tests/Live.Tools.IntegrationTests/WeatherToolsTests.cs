using static Live.Tools.IntegrationTests.ToolTestHelpers;

namespace Live.Tools.IntegrationTests;

public class WeatherToolsTests
{
    private readonly ILiveToolSet _tools = new WeatherTools();

    [Fact]
    public async Task Calls_the_method_and_writes_the_result_under_output()
    {
        await AssertResponseAsync(_tools, "get_weather", """{"location":"Tokyo, JP","unit":"fahrenheit"}""",
            """{"output":{"location":"Tokyo, JP","temperature":70.7,"unit":"fahrenheit"}}""");
    }

    [Fact]
    public async Task Missing_optional_enum_binds_its_default()
    {
        await AssertResponseAsync(_tools, "get_weather", """{"location":"Paris"}""",
            """{"output":{"location":"Paris","temperature":21.5,"unit":"celsius"}}""");
    }

    [Fact]
    public async Task Unknown_enum_value_names_the_parameter_the_allowed_values_and_what_came()
    {
        await AssertErrorAsync(_tools, "get_weather", """{"location":"Paris","unit":"kelvin"}""",
            "unit: expected one of \"celsius\", \"fahrenheit\"; got \"kelvin\"");
    }

    [Fact]
    public async Task Missing_required_parameter_is_an_error()
    {
        await AssertErrorAsync(_tools, "get_weather", """{"unit":"celsius"}""", "location: required parameter is missing");
    }

    [Fact]
    public async Task Unknown_function_lists_the_available_names()
    {
        await AssertErrorAsync(_tools, "get_time", "{}", "Unknown function \"get_time\". Available functions: get_weather.");
    }

    [Fact]
    public void Declarations_are_static_and_shared()
    {
        Assert.Same(WeatherTools.LiveFunctionDeclarations, _tools.FunctionDeclarations);
        FunctionDeclaration declaration = Assert.Single(WeatherTools.LiveFunctionDeclarations);
        Assert.Equal("get_weather", declaration.Name);
        Assert.Equal("Gets the current weather for a city.", declaration.Description);
        Assert.Same(declaration, Assert.Single(WeatherTools.LiveTools.FunctionDeclarations!));
#pragma warning disable CS0618 // The former name stays, as an alias, for code written against it.
        Assert.Same(WeatherTools.LiveTools, WeatherTools.LiveTool);
#pragma warning restore CS0618
        Assert.True(_tools.TryGetTool("get_weather", out LiveToolInfo? info));
        Assert.Same(declaration, info.Declaration);
        Assert.False(_tools.TryGetTool("nope", out _));
    }
}
