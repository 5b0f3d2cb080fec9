using static Live.Tools.IntegrationTests.ToolTestHelpers;

namespace Live.Tools.IntegrationTests;

public class ReturnAndBindingTests
{
    [Theory]
    [InlineData("do_void")]
    [InlineData("do_task")]
    [InlineData("do_value_task")]
    public async Task Tools_that_return_nothing_answer_an_empty_object(string tool)
    {
        var tools = new ReturnTools();
        FunctionResponse response = await AssertResponseAsync(tools, tool, "{}", "{}");
        Assert.False(response.IsError);
        Assert.Equal(1, tools.Touched);
    }

    [Theory]
    [InlineData("get_value", "42")]
    [InlineData("get_task", "\"from task\"")]
    [InlineData("get_value_task", "true")]
    [InlineData("get_null", "null")]
    [InlineData("get_nullable_int", "null")]
    [InlineData("get_from_context", """{"displayName":"Ada","count":3}""")]
    public async Task Results_are_written_under_output(string tool, string output)
    {
        await AssertResponseAsync(new ReturnTools(), tool, null, "{\"output\":" + output + "}");
    }

    [Fact]
    public async Task A_result_that_cannot_be_written_is_an_error_naming_the_tool()
    {
        FunctionResponse response = await AssertErrorAsync(new ReturnTools(), "get_not_a_number", null,
            "The tool \"get_not_a_number\" returned a result that cannot be written as JSON.");
        Assert.IsType<ArgumentException>(response.ToolException, exactMatch: false);
    }

    [Fact]
    public void Tools_without_parameters_have_no_parameters_schema()
    {
        foreach (FunctionDeclaration declaration in ReturnTools.LiveFunctionDeclarations)
        {
            Assert.Null(declaration.Parameters);
        }
    }

    [Fact]
    public async Task Static_classes_get_a_tool_set()
    {
        await AssertResponseAsync(MathTools.ToolSet, "add", """{"a":2,"b":3,"c":"extra args are ignored"}""", """{"output":5}""");
        await AssertResponseAsync(MathTools.ToolSet, "stop_timer", "{}", "{}");
        Assert.Equal(["add", "stop_timer"], MathTools.LiveTools.FunctionDeclarations!.Select(d => d.Name));
        Assert.Same(MathTools.LiveFunctionDeclarations, MathTools.ToolSet.FunctionDeclarations);
    }

    [Fact]
    public async Task The_context_parameter_carries_the_call_and_stays_out_of_the_schema()
    {
        var tools = new BindingTools("p:");
        await AssertResponseAsync(tools, "who_am_i", """{"suffix":"!"}""", """{"output":"p:who_am_i#call-1!"}""");
        AssertJson("""{"type":"OBJECT","properties":{"suffix":{"type":"STRING"}},"required":["suffix"]}""", TestJsonContext.ToNode(TestJsonContext.Parameters(tools, "who_am_i")));
        Assert.Null(TestJsonContext.Parameters(tools, "token_is_bound"));
    }

    [Fact]
    public async Task Static_methods_of_an_instance_type_dispatch_through_the_instance()
    {
        await AssertResponseAsync(new BindingTools(""), "static_here", null, """{"output":"static"}""");
    }

    [Fact]
    public async Task The_cancellation_token_is_passed_to_the_tool()
    {
        using var source = new CancellationTokenSource();
        ILiveToolSet tools = new BindingTools("");
        FunctionResponse response = await tools.InvokeAsync(Call("token_is_bound", "{}"), source.Token);
        AssertJson("""{"output":true}""", response.Response);

        ValueTask<FunctionResponse> pending = tools.InvokeAsync(Call("wait", "{}"), source.Token);
        Assert.False(pending.IsCompleted);
        await source.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await pending);
    }

    [Fact]
    public async Task Exceptions_are_masked_and_kept_for_the_loop()
    {
        var tools = new BindingTools("");
        FunctionResponse failed = await AssertErrorAsync(tools, "fail", null, "The tool \"fail\" failed.");
        Assert.Equal("secret detail", Assert.IsType<InvalidOperationException>(failed.ToolException).Message);

        FunctionResponse later = await AssertErrorAsync(tools, "fail_later", null, "The tool \"fail_later\" failed.");
        Assert.IsType<TimeoutException>(later.ToolException);

        FunctionResponse cancelledInside = await AssertErrorAsync(tools, "cancelled_inside", null, "The tool \"cancelled_inside\" failed.");
        Assert.IsType<OperationCanceledException>(cancelledInside.ToolException);
    }

    [Fact]
    public async Task A_LiveToolException_message_reaches_the_model()
    {
        FunctionResponse response = await AssertErrorAsync(new BindingTools(""), "fail_for_model", null, "The city is not known.");
        Assert.IsType<LiveToolException>(response.ToolException);
    }

    [Theory]
    [InlineData("[1]", "args: expected a JSON object; got an array")]
    [InlineData("\"x\"", "args: expected a JSON object; got \"x\"")]
    [InlineData("null", "suffix: required parameter is missing")]
    [InlineData(null, "suffix: required parameter is missing")]
    public async Task Args_that_are_not_an_object_are_an_error(string? args, string error)
    {
        await AssertErrorAsync(new BindingTools(""), "who_am_i", args, error);
    }

    [Fact]
    public void Attribute_options_reach_the_declaration_and_the_tool_info()
    {
        ILiveToolSet tools = new BindingTools("");
        Assert.True(tools.TryGetTool("custom.name:v2-beta", out LiveToolInfo? info));
        Assert.Equal(Behavior.NonBlocking, info.Behavior);
        Assert.Equal(Behavior.NonBlocking, info.Declaration.Behavior);
        Assert.Equal(FunctionResponseScheduling.Silent, info.Scheduling);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), info.Timeout);

        Assert.True(tools.TryGetTool("fail", out LiveToolInfo? plain));
        Assert.Equal(Behavior.Blocking, plain.Declaration.Behavior);
        Assert.Null(plain.Scheduling);
        Assert.Null(plain.Timeout);
    }

    [Fact]
    public void Inside_a_static_tool_class_LiveToolSet_names_the_helper_type_not_a_generated_member()
    {
        ILiveToolSet combined = MathTools.CombinedWith(new WeatherTools());
        Assert.Equal(["add", "stop_timer", "get_weather"], combined.FunctionDeclarations.Select(d => d.Name));
    }

    [Fact]
    public async Task Tool_sets_combine_and_dispatch_to_their_owner()
    {
        ILiveToolSet combined = LiveToolSet.Combine(new WeatherTools(), MathTools.ToolSet);
        Assert.Equal(["get_weather", "add", "stop_timer"], combined.FunctionDeclarations.Select(d => d.Name));
        await AssertResponseAsync(combined, "add", """{"a":1,"b":1}""", """{"output":2}""");
        await AssertResponseAsync(combined, "get_weather", """{"location":"Oslo"}""", """{"output":{"location":"Oslo","temperature":21.5,"unit":"celsius"}}""");
        await AssertErrorAsync(combined, "nope", "{}", "Unknown function \"nope\". Available functions: get_weather, add, stop_timer.");
        Assert.Equal(3, combined.ToTool().FunctionDeclarations!.Count);
    }

    [Fact]
    public void Combining_two_sets_with_the_same_name_fails_clearly()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => LiveToolSet.Combine(new WeatherTools(), new WeatherTools()));
        Assert.Contains("\"get_weather\" is declared by both WeatherTools and WeatherTools", error.Message, StringComparison.Ordinal);

        ArgumentException statics = Assert.Throws<ArgumentException>(() => LiveToolSet.Combine(MathTools.ToolSet, MathTools.ToolSet));
        Assert.Contains("\"add\" is declared by both MathTools and MathTools", statics.Message, StringComparison.Ordinal);
    }
}
