using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Live.Tools;

namespace Live.ToolLoopTests;

/// <summary>The tool-loop tests over a real loopback WebSocket (Kestrel on 127.0.0.1).</summary>
public sealed class LoopbackToolLoopTests : ToolLoopTests
{
    private protected override async Task<ITestServer> StartServerAsync() => await LoopbackServer.StartAsync();
}

/// <summary>The same tests with the WebSocket pair in memory.</summary>
public sealed class InMemoryToolLoopTests : ToolLoopTests
{
    private protected override Task<ITestServer> StartServerAsync() => Task.FromResult<ITestServer>(new InMemoryServer());
}

public abstract class ToolLoopTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private ITestServer _server = null!;

    private protected abstract Task<ITestServer> StartServerAsync();

    public async Task InitializeAsync() => _server = await StartServerAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task<(AsyncSession Session, ServerConnection Connection)> ConnectAsync(ILiveToolSet tools)
    {
        Client client = _server.CreateClient();
        Task<AsyncSession> connecting = client.Live.ConnectAsync("test-model", new LiveConnectConfig { Tools = [tools.ToTool()] });
        ServerConnection connection = await _server.AcceptAsync();
        return (await connecting.WaitAsync(Wait), connection);
    }

    private static string[] Ids(JsonElement[] responses) => responses.Select(r => r.GetProperty("id").GetString()!).ToArray();

    private static string Error(JsonElement response) => response.GetProperty("response").GetProperty("error").GetString()!;

    [Fact]
    public async Task Slowest_of_three_parallel_calls_does_not_delay_the_messages_that_follow()
    {
        TaskCompletionSource slowGate = NewGate();
        var tools = new ControlledTools()
            .Add("fast_a", (_, _) => Task.FromResult<JsonNode?>(1))
            .AddGated("slow", slowGate)
            .Add("fast_b", (_, _) => Task.FromResult<JsonNode?>(2));
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        var texts = Channel.CreateUnbounded<string>();
        Task run = session.RunWithToolsAsync(tools, (message, _) =>
        {
            if (message.Text is { } text)
            {
                texts.Writer.TryWrite(text);
            }

            return default;
        });

        await connection.SendToolCallAsync(("c1", "fast_a", "{}"), ("c2", "slow", "{}"), ("c3", "fast_b", "{}"));
        await connection.SendTextAsync("still talking");

        // The text after the tool call arrives while the slow tool is still running.
        Assert.Equal("still talking", await texts.Reader.ReadAsync().AsTask().WaitAsync(Wait));
        Assert.False(slowGate.Task.IsCompleted);

        // Started on the thread pool: not necessarily before the next message was delivered, but without waiting for it.
        await WaitUntilAsync(() => tools.Started.Contains("c2"));

        // One toolResponse for the toolCall, sent when its last call finishes.
        Assert.Null(await connection.TryReceiveToolResponseAsync(TimeSpan.FromMilliseconds(200)));
        slowGate.SetResult();
        JsonElement[] responses = await connection.ReceiveToolResponseAsync();
        Assert.Equal(["c1", "c2", "c3"], Ids(responses));
        Assert.Equal(1, responses[0].GetProperty("response").GetProperty("output").GetInt32());
        Assert.Equal("slow done", responses[1].GetProperty("response").GetProperty("output").GetString());

        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    [Fact]
    public async Task One_of_three_calls_cancelled_sends_two_responses_and_the_tool_sees_its_token_cancelled()
    {
        TaskCompletionSource gate = NewGate();
        TaskCompletionSource doomedGate = NewGate();
        var tools = new ControlledTools()
            .AddGated("a", gate)
            .AddGated("doomed", doomedGate)
            .AddGated("b", gate);
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        Task run = session.RunWithToolsAsync(tools);

        await connection.SendToolCallAsync(("id-a", "a", "{}"), ("id-x", "doomed", "{}"), ("id-b", "b", "{}"));
        await WaitUntilAsync(() => tools.Started.Count == 3);
        await connection.SendCancellationAsync("id-x");
        await WaitUntilAsync(() => tools.SawCancellation.Contains("id-x"));
        gate.SetResult();

        JsonElement[] responses = await connection.ReceiveToolResponseAsync();
        Assert.Equal(["id-a", "id-b"], Ids(responses));
        Assert.Equal(["id-x"], tools.SawCancellation.ToArray());

        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_cancelled_call_is_never_answered_even_when_its_tool_ignores_the_token_and_finishes()
    {
        TaskCompletionSource stubborn = NewGate();
        var tools = new ControlledTools()
            .Add("stubborn", async (_, _) =>
            {
                await stubborn.Task; // ignores cancellation
                return "finished anyway";
            })
            .Add("other", (_, _) => Task.FromResult<JsonNode?>("ok"));
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        Task run = session.RunWithToolsAsync(tools);

        await connection.SendToolCallAsync(("s1", "stubborn", "{}"));
        await WaitUntilAsync(() => tools.Started.Contains("s1"));
        await connection.SendCancellationAsync("s1");
        await Task.Delay(50);
        stubborn.SetResult();
        await WaitUntilAsync(() => tools.Finished.Contains("s1"));

        // The next call is answered, and nothing was sent for s1 before it.
        await connection.SendToolCallAsync(("o1", "other", "{}"));
        JsonElement[] responses = await connection.ReceiveToolResponseAsync();
        Assert.Equal(["o1"], Ids(responses));

        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    [Fact]
    public async Task Cancellation_before_a_call_starts_keeps_it_from_ever_running()
    {
        TaskCompletionSource gate = NewGate();
        var tools = new ControlledTools().AddGated("busy", gate).AddGated("queued", gate).Add("plain", (_, _) => Task.FromResult<JsonNode?>("p"));
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task run = session.RunWithToolsAsync(
            tools,
            (message, _) =>
            {
                if (message.Text == "after the cancellation")
                {
                    marker.TrySetResult();
                }

                return default;
            },
            options: new LiveToolOptions { MaxConcurrency = 1 });

        // With one slot, "queued" waits behind "busy"; cancelling it there means it never starts. The loop handles
        // messages in order, so once the text sent after the cancellation arrives, the cancellation was handled (a
        // fixed delay here let a slow run free the slot first, and "queued" started).
        await connection.SendToolCallAsync(("b1", "busy", "{}"), ("q1", "queued", "{}"));
        await WaitUntilAsync(() => tools.Started.Contains("b1"));
        await connection.SendCancellationAsync("q1");
        await connection.SendTextAsync("after the cancellation");
        await marker.Task.WaitAsync(Wait);
        gate.SetResult();
        JsonElement[] responses = await connection.ReceiveToolResponseAsync();
        Assert.Equal(["b1"], Ids(responses));
        Assert.DoesNotContain("q1", tools.Started);

        // A cancellation for an id not seen yet: that call is skipped when it arrives; its neighbour is answered.
        await connection.SendCancellationAsync("early");
        await connection.SendToolCallAsync(("early", "plain", "{}"), ("p2", "plain", "{}"));
        responses = await connection.ReceiveToolResponseAsync();
        Assert.Equal(["p2"], Ids(responses));
        Assert.DoesNotContain("early", tools.Started);

        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    [Fact]
    public async Task Cancellation_after_a_call_finished_is_harmless()
    {
        var tools = new ControlledTools().Add("echo", (call, _) => Task.FromResult<JsonNode?>(call.Id));
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        Task run = session.RunWithToolsAsync(tools);

        await connection.SendToolCallAsync(("e1", "echo", "{}"));
        Assert.Equal(["e1"], Ids(await connection.ReceiveToolResponseAsync()));
        await connection.SendCancellationAsync("e1");
        await connection.SendToolCallAsync(("e2", "echo", "{}"));
        Assert.Equal(["e2"], Ids(await connection.ReceiveToolResponseAsync()));
        Assert.False(run.IsCompleted);

        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    [Fact]
    public async Task Throwing_tool_unknown_name_and_timeout_each_get_an_error_response_with_the_right_id()
    {
        var tools = new ControlledTools()
            .Add("boom", (_, _) => throw new InvalidOperationException("internal secret detail"))
            .Add("told", (_, _) => throw new LiveToolException("The order id must have 8 digits."))
            .Add("sleepy", async (_, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return null;
            }, timeout: TimeSpan.FromMilliseconds(100));
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        Task run = session.RunWithToolsAsync(tools);

        await connection.SendToolCallAsync(("x1", "boom", "{}"), ("x2", "nope", "{}"), ("x3", "sleepy", "{}"), ("x4", "told", "{}"));
        JsonElement[] responses = await connection.ReceiveToolResponseAsync();
        Assert.Equal(["x1", "x2", "x3", "x4"], Ids(responses));
        Assert.Equal("The tool \"boom\" failed.", Error(responses[0]));
        Assert.DoesNotContain("secret", responses[0].GetRawText());
        Assert.Equal("nope", responses[1].GetProperty("name").GetString());
        Assert.Contains("Unknown function \"nope\"", Error(responses[1]));
        Assert.Contains("boom", Error(responses[1]));
        Assert.Equal("The tool \"sleepy\" timed out after 100 ms.", Error(responses[2]));
        Assert.Equal("The order id must have 8 digits.", Error(responses[3]));

        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    [Fact]
    public async Task An_exception_escaping_a_hand_written_tool_set_is_worded_as_a_generated_dispatcher_words_it()
    {
        var tools = new EscapingTools(new Dictionary<string, Exception>
        {
            ["told"] = new LiveToolException("The order id must have 8 digits."),
            ["boom"] = new InvalidOperationException("secret detail"),
        });
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        Task run = session.RunWithToolsAsync(tools);

        await connection.SendToolCallAsync(("e1", "told", "{}"), ("e2", "boom", "{}"));
        JsonElement[] responses = await connection.ReceiveToolResponseAsync();
        Assert.Equal(["e1", "e2"], Ids(responses));
        Assert.Equal("The order id must have 8 digits.", Error(responses[0]));
        Assert.Equal("The tool \"boom\" failed.", Error(responses[1]));

        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    [Fact]
    public async Task IncludeExceptionDetails_shows_the_exception_message_to_the_model()
    {
        var tools = new ControlledTools().Add("boom", (_, _) => throw new InvalidOperationException("disk full"));
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        Task run = session.RunWithToolsAsync(tools, options: new LiveToolOptions { IncludeExceptionDetails = true });

        await connection.SendToolCallAsync(("x1", "boom", "{}"));
        JsonElement[] responses = await connection.ReceiveToolResponseAsync();
        Assert.Equal("The tool \"boom\" failed: disk full", Error(responses[0]));

        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    [Fact]
    public async Task Session_closed_in_the_middle_of_a_call_cancels_the_tool_and_ends_the_loop_with_the_typed_exception()
    {
        TaskCompletionSource gate = NewGate();
        var counters = new ToolLoopCounters();
        var tools = new ControlledTools().AddGated("long", gate);
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        Task run = session.RunWithToolsAsync(tools, options: new LiveToolOptions { Counters = counters });

        await connection.SendToolCallAsync(("l1", "long", "{}"));
        await WaitUntilAsync(() => tools.Started.Contains("l1"));
        await connection.CloseAsync(WebSocketCloseStatus.InternalServerError, "Internal error encountered.");

        LiveServerException ex = await Assert.ThrowsAsync<LiveServerException>(() => run.WaitAsync(Wait));
        Assert.Equal(1011, ex.CloseCode);
        Assert.Equal(["l1"], tools.SawCancellation.ToArray());
        Assert.Equal(1, counters.CallsStarted);
        Assert.Equal(1, counters.CallsEnded);
        Assert.Equal(counters.TokenSourcesCreated, counters.TokenSourcesDisposed);
        Assert.Equal(0, counters.ResponsesSent);
    }

    [Fact]
    public async Task A_thousand_calls_in_a_row_leave_no_calls_token_sources_or_timers_behind()
    {
        const int Calls = 1000;
        var counters = new ToolLoopCounters();
        var tools = new ControlledTools().Add("inc", (call, _) => Task.FromResult<JsonNode?>(call.Args!.Value.GetProperty("n").GetInt32() + 1));
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        Task run = session.RunWithToolsAsync(tools, options: new LiveToolOptions { Counters = counters, DefaultTimeout = TimeSpan.FromMinutes(1) });

        for (int i = 0; i < Calls; i++)
        {
            await connection.SendToolCallAsync(($"n{i}", "inc", $"{{\"n\":{i}}}"));
            JsonElement[] responses = await connection.ReceiveToolResponseAsync();
            Assert.Equal(i + 1, responses[0].GetProperty("response").GetProperty("output").GetInt32());
        }

        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);

        Assert.Equal(Calls, counters.CallsStarted);
        Assert.Equal(Calls, counters.CallsEnded);
        Assert.Equal(Calls, counters.ResponsesSent);
        Assert.Equal(Calls, counters.TokenSourcesCreated);
        Assert.Equal(Calls, counters.TokenSourcesDisposed);
        Assert.Equal(Calls, counters.TimersStarted);
        Assert.Equal(Calls, counters.TimersDisposed);
    }

    [Fact]
    public async Task A_non_blocking_tool_answers_on_its_own_with_its_scheduling_while_the_conversation_goes_on()
    {
        TaskCompletionSource gate = NewGate();
        var tools = new ControlledTools()
            .Add("quick", (_, _) => Task.FromResult<JsonNode?>("q"))
            .AddGated("lookup", gate, behavior: Behavior.NonBlocking, scheduling: FunctionResponseScheduling.Interrupt);
        Assert.Equal(Behavior.NonBlocking, tools.FunctionDeclarations[1].Behavior);
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        var texts = Channel.CreateUnbounded<string>();
        Task run = session.RunWithToolsAsync(tools, (m, _) =>
        {
            if (m.Text is { } t)
            {
                texts.Writer.TryWrite(t);
            }

            return default;
        });

        await connection.SendToolCallAsync(("k1", "quick", "{}"), ("n1", "lookup", "{}"));
        JsonElement[] first = await connection.ReceiveToolResponseAsync();
        Assert.Equal(["k1"], Ids(first));

        await connection.SendTextAsync("I'm looking that up for you.");
        Assert.Equal("I'm looking that up for you.", await texts.Reader.ReadAsync().AsTask().WaitAsync(Wait));

        gate.SetResult();
        JsonElement[] second = await connection.ReceiveToolResponseAsync();
        Assert.Equal(["n1"], Ids(second));
        Assert.Equal("INTERRUPT", second[0].GetProperty("scheduling").GetString());

        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    [Fact]
    public async Task RespondImmediately_sends_each_response_as_soon_as_its_call_finishes()
    {
        TaskCompletionSource gate = NewGate();
        var tools = new ControlledTools().Add("fast", (_, _) => Task.FromResult<JsonNode?>(1)).AddGated("slow", gate);
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        Task run = session.RunWithToolsAsync(tools, options: new LiveToolOptions { RespondImmediately = true });

        await connection.SendToolCallAsync(("s", "slow", "{}"), ("f", "fast", "{}"));
        Assert.Equal(["f"], Ids(await connection.ReceiveToolResponseAsync()));
        gate.SetResult();
        Assert.Equal(["s"], Ids(await connection.ReceiveToolResponseAsync()));

        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    [Fact]
    public async Task ReceiveWithToolsAsync_yields_tool_messages_and_leaving_the_loop_cancels_tools_in_flight()
    {
        TaskCompletionSource gate = NewGate();
        var tools = new ControlledTools().AddGated("long", gate);
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;

        var seen = new List<string>();
        await connection.SendToolCallAsync(("l1", "long", "{}"));
        await foreach (LiveServerMessage message in session.ReceiveWithToolsAsync(tools).WithCancellation(CancellationToken.None))
        {
            if (message.SetupComplete is not null)
            {
                seen.Add("setupComplete");
                continue;
            }

            if (message.ToolCall is { } call)
            {
                seen.Add("toolCall " + call.FunctionCalls![0].Name);
                await WaitUntilAsync(() => tools.Started.Contains("l1"));
                break;
            }
        }

        Assert.Equal(["setupComplete", "toolCall long"], seen);
        Assert.Equal(["l1"], tools.SawCancellation.ToArray());
        Assert.Null(await connection.TryReceiveToolResponseAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task A_tool_set_missing_from_the_setup_is_reported_when_the_loop_starts()
    {
        var declared = new ControlledTools().Add("declared", (_, _) => Task.FromResult<JsonNode?>(1));
        var other = new ControlledTools().Add("get_weather", (_, _) => Task.FromResult<JsonNode?>(1));
        var (session, _) = await ConnectAsync(declared);
        await using var __ = session;

        InvalidOperationException ex = await Assert.ThrowsAsync<InvalidOperationException>(() => session.RunWithToolsAsync(other));
        Assert.Contains("get_weather", ex.Message);
        Assert.Contains("setup", ex.Message);
    }

    [Fact]
    public async Task Cancelling_the_token_ends_the_loop_with_OperationCanceledException_and_cancels_tools()
    {
        TaskCompletionSource gate = NewGate();
        var tools = new ControlledTools().AddGated("long", gate);
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        using var cts = new CancellationTokenSource();
        Task run = session.RunWithToolsAsync(tools, cancellationToken: cts.Token);

        await connection.SendToolCallAsync(("l1", "long", "{}"));
        await WaitUntilAsync(() => tools.Started.Contains("l1"));
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Wait));
        Assert.Equal(["l1"], tools.SawCancellation.ToArray());
    }

    [Fact]
    public async Task A_synchronous_tool_that_blocks_its_thread_does_not_stall_the_messages_and_calls_that_follow()
    {
        // The loop may run a message's first call on its own thread (issue 17): only after it stopped reading, so a tool
        // that blocks synchronously must not hold up the next messages, nor the next call.
        using var release = new ManualResetEventSlim();
        var tools = new ControlledTools()
            .Add("blocker", (_, _) =>
            {
                release.Wait(Wait);
                return Task.FromResult<JsonNode?>("unblocked");
            })
            .Add("quick", (_, _) => Task.FromResult<JsonNode?>("q"));
        var (session, connection) = await ConnectAsync(tools);
        await using var _ = session;
        var texts = Channel.CreateUnbounded<string>();
        Task run = session.RunWithToolsAsync(tools, (message, _) =>
        {
            if (message.Text is { } text)
            {
                texts.Writer.TryWrite(text);
            }

            return default;
        });

        await connection.SendToolCallAsync(("b1", "blocker", "{}"));
        await WaitUntilAsync(() => tools.Started.Contains("b1"));
        await connection.SendTextAsync("still talking");
        Assert.Equal("still talking", await texts.Reader.ReadAsync().AsTask().WaitAsync(Wait));
        await connection.SendToolCallAsync(("q1", "quick", "{}"));
        Assert.Equal(["q1"], Ids(await connection.ReceiveToolResponseAsync()));
        Assert.False(release.IsSet);

        release.Set();
        Assert.Equal(["b1"], Ids(await connection.ReceiveToolResponseAsync()));
        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(5, cts.Token);
        }
    }
}

/// <summary>A hand-written tool set whose InvokeAsync lets each tool's exception escape, as a careless implementation would.</summary>
internal sealed class EscapingTools(Dictionary<string, Exception> failures) : ILiveToolSet
{
    private readonly List<FunctionDeclaration> _declarations = failures.Keys.Select(n => new FunctionDeclaration { Name = n, Description = "Throws." }).ToList();

    public IReadOnlyList<FunctionDeclaration> FunctionDeclarations => _declarations;

    public bool TryGetTool(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LiveToolInfo? tool)
    {
        FunctionDeclaration? declaration = _declarations.FirstOrDefault(d => d.Name == name);
        tool = declaration is null ? null : new LiveToolInfo(declaration, null, null);
        return tool is not null;
    }

    public ValueTask<FunctionResponse> InvokeAsync(FunctionCall call, CancellationToken cancellationToken) =>
        throw failures[call.Name!];
}
