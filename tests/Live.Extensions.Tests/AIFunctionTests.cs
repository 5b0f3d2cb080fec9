using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Extensions.AI;
using Live.Testing;
using Live.Tools;
using Microsoft.Extensions.AI;

namespace Live.Extensions.Tests;

public class AIFunctionTests
{
    private static readonly string[] s_calls =
    [
        """{"product":"apple","quantity":4}""",
        """{"product":"hammer"}""",
        """{"product":"kiwi"}""",
        """{"product":"apple","quantity":"four"}""",
        """{}""",
    ];

    [Fact]
    public async Task AsAIFunctions_through_FunctionInvokingChatClient_gives_what_the_generated_dispatcher_gives()
    {
        ILiveToolSet tools = new CatalogTools();
        IReadOnlyList<AIFunction> functions = tools.AsAIFunctions();
        Assert.Equal(["price_line", "list_products", "broken"], functions.Select(f => f.Name));

        var cases = new List<(string Name, string Args)>();
        cases.AddRange(s_calls.Select(a => ("price_line", a)));
        cases.Add(("list_products", """{"category":"fruit","limit":2}"""));
        cases.Add(("list_products", """{"category":"hardware"}"""));
        cases.Add(("list_products", """{"category":"toys"}"""));
        cases.Add(("broken", "{}"));

        foreach ((string name, string args) in cases)
        {
            var fake = new ScriptedChatClient(name, args);
            using IChatClient chat = new FunctionInvokingChatClient(fake);
            ChatResponse response = await chat.GetResponseAsync("go", new ChatOptions { Tools = [.. functions] });

            Assert.Equal("done", response.Text);
            FunctionResultContent result = Assert.IsType<FunctionResultContent>(Assert.Single(fake.Results));
            JsonElement viaChat = Assert.IsType<JsonElement>(result.Result);

            FunctionResponse direct = await tools.InvokeAsync(new FunctionCall { Id = "c", Name = name, Args = JsonDocument.Parse(args).RootElement }, CancellationToken.None);
            JsonNode expected = direct.IsError ? direct.Response! : direct.Response!["output"]!;
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(viaChat.GetRawText())), $"{name}({args}): chat gave {viaChat.GetRawText()}, dispatcher {expected.ToJsonString()}");
        }
    }

    [Fact]
    public void AsAIFunctions_writes_a_JSON_Schema_from_the_generated_declaration()
    {
        AIFunction price = new CatalogTools().AsAIFunctions()[0];
        JsonElement schema = price.JsonSchema;

        Assert.Equal("Prices an order line.", price.Description);
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal("string", schema.GetProperty("properties").GetProperty("product").GetProperty("type").GetString());
        Assert.Equal("integer", schema.GetProperty("properties").GetProperty("quantity").GetProperty("type").GetString());
        Assert.Equal(["product"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));

        JsonElement list = new CatalogTools().AsAIFunctions()[1].JsonSchema.GetProperty("properties");
        Assert.Equal(["fruit", "hardware"], list.GetProperty("category").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task An_AIFunction_set_runs_inside_RunWithToolsAsync_against_the_emulator()
    {
        AIFunction add = AIFunctionFactory.Create((int a, int b) => a + b, "add", "Adds two integers.");
        AIFunction greet = AIFunctionFactory.Create(async (string name, CancellationToken cancellationToken) =>
        {
            await Task.Delay(1, cancellationToken);
            return new Greeting("Hello, " + name, name.Length);
        }, "greet", "Greets someone.");
        AIFunctionToolSet tools = new[] { add, greet }.AsLiveToolSet();

        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator
            .OnUserText(@"add (?<a>\d+) and (?<b>\d+)", turn => turn.CallTool("add", new JsonObject { ["a"] = int.Parse(turn["a"], System.Globalization.CultureInfo.InvariantCulture), ["b"] = int.Parse(turn["b"], System.Globalization.CultureInfo.InvariantCulture) }))
            .OnToolResponse("add", turn => turn.CallTool("greet", new JsonObject { ["name"] = "Ada" }))
            .OnToolResponse("greet", turn => turn.Say($"{turn.Output.GetProperty("text").GetString()} ({turn.Output.GetProperty("length").GetInt32()})"));

        Client client = emulator.CreateClient();
        await using AsyncSession session = await client.Live.ConnectAsync(
            "gemini-live-2.5-flash-preview",
            new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [tools.ToTool()] });
        await session.SendClientContentAsync("add 20 and 22", turnComplete: true);

        var answer = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await foreach (LiveServerMessage message in session.ReceiveWithToolsAsync(tools, cancellationToken: timeout.Token))
        {
            answer.Append(message.Text);
            if (message.ServerContent?.TurnComplete == true)
            {
                break;
            }
        }

        Assert.Equal("Hello, Ada (3)", answer.ToString());
        EmulatorFrame sum = await emulator.WaitForFrameAsync(FrameMatcher.ToolResponseFor("add"));
        Assert.Equal(42, sum.ToolResponseFor("add").Output.GetInt32());
        Assert.Equal(["add", "greet"], Assert.Single(emulator.Connections).FunctionNames);
        Assert.Empty(emulator.Failures);
    }

    [Fact]
    public async Task An_AIFunction_that_throws_answers_with_a_masked_error_and_bad_args_with_an_error()
    {
        AIFunction fail = AIFunctionFactory.Create(string (string secret) => throw new InvalidOperationException("leaked " + secret), "fail");
        AIFunctionToolSet tools = new[] { fail }.AsLiveToolSet();

        FunctionResponse thrown = await tools.InvokeAsync(new FunctionCall { Id = "1", Name = "fail", Args = JsonDocument.Parse("""{"secret":"s3"}""").RootElement }, CancellationToken.None);
        Assert.True(thrown.IsError);
        Assert.DoesNotContain("s3", thrown.Response!.ToJsonString(), StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(thrown.ToolException);

        FunctionResponse notObject = await tools.InvokeAsync(new FunctionCall { Id = "2", Name = "fail", Args = JsonDocument.Parse("[1]").RootElement }, CancellationToken.None);
        Assert.True(notObject.IsError);
        Assert.Equal("2", notObject.Id);

        FunctionResponse unknown = await tools.InvokeAsync(new FunctionCall { Id = "3", Name = "nope" }, CancellationToken.None);
        Assert.True(unknown.IsError);
        Assert.Contains("fail", unknown.Response!.ToJsonString(), StringComparison.Ordinal);
    }

    public sealed record Greeting(string Text, int Length);

    /// <summary>First turn: asks for one function call; second turn (after the result): says "done".</summary>
    private sealed class ScriptedChatClient(string function, string args) : IChatClient
    {
        public List<FunctionResultContent> Results { get; } = new();

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            List<FunctionResultContent> results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
            if (results.Count == 0)
            {
                var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(args, AIJsonUtilities.DefaultOptions);
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", function, arguments)])));
            }

            Results.AddRange(results);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "done")));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            ChatResponse response = await GetResponseAsync(messages, options, cancellationToken);
            foreach (ChatResponseUpdate update in response.ToChatResponseUpdates())
            {
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
