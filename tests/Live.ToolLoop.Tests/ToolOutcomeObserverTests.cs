using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Live.ToolLoopTests;

/// <summary><see cref="LiveToolOptions.OnToolCallCompleted"/> sees every call's outcome, with its timing.</summary>
public sealed class ToolOutcomeObserverTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_observer_sees_output_error_with_exception_timeout_unknown_function_and_cancellation()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new ControlledTools()
            .Add("ok", (_, _) => Task.FromResult<JsonNode?>(JsonValue.Create(42)))
            .Add("boom", (_, _) => throw new NullReferenceException("tool bug"))
            .AddGated("slow", new TaskCompletionSource(), timeout: TimeSpan.FromMilliseconds(100))
            .AddGated("held", held);
        var outcomes = new ConcurrentDictionary<string, ToolCallOutcome>();
        var options = new LiveToolOptions { OnToolCallCompleted = outcome => outcomes[outcome.Id!] = outcome };

        await using var server = await LoopbackServer.StartAsync();
        Client client = server.CreateClient();
        Task<AsyncSession> connecting = client.Live.ConnectAsync("m", new LiveConnectConfig { Tools = [Live.Tools.LiveToolSet.ToTool(tools)] });
        ServerConnection connection = await server.AcceptAsync();
        await using AsyncSession session = await connecting;
        Task run = session.RunWithToolsAsync(tools, options: options);

        foreach ((string id, string name) in new[] { ("o1", "ok"), ("b1", "boom"), ("t1", "slow"), ("u1", "not_a_tool") })
        {
            await connection.SendToolCallAsync((id, name, "{}"));
            await connection.ReceiveToolResponseAsync(Wait);
        }

        await connection.SendToolCallAsync(("c1", "held", "{}"));
        await WaitUntilAsync(() => tools.Started.Contains("c1"));
        await connection.SendCancellationAsync("c1");
        await WaitUntilAsync(() => outcomes.ContainsKey("c1"));

        Assert.Equal(ToolCallStatus.Succeeded, outcomes["o1"].Status);
        Assert.Equal(42, outcomes["o1"].Response!.Response!["output"]!.GetValue<int>());
        Assert.Equal("ok", outcomes["o1"].Name);

        Assert.Equal(ToolCallStatus.Failed, outcomes["b1"].Status);
        Assert.IsType<NullReferenceException>(outcomes["b1"].Exception);
        Assert.True(outcomes["b1"].IsError);

        Assert.Equal(ToolCallStatus.TimedOut, outcomes["t1"].Status);
        Assert.Equal(TimeSpan.FromMilliseconds(100), outcomes["t1"].Timeout);
        Assert.True(outcomes["t1"].Duration >= TimeSpan.FromMilliseconds(90), $"a timed-out call lasted at least its timeout, not {outcomes["t1"].Duration}");

        Assert.Equal(ToolCallStatus.UnknownFunction, outcomes["u1"].Status);

        Assert.Equal(ToolCallStatus.Cancelled, outcomes["c1"].Status);
        Assert.Null(outcomes["c1"].Response);

        Assert.All(outcomes.Values, o => Assert.True(o.Duration > TimeSpan.Zero));
        await connection.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    [Fact]
    public async Task An_observer_that_throws_is_logged_at_Warning_and_the_call_is_still_answered()
    {
        var tools = new ControlledTools().Add("ok", (_, _) => Task.FromResult<JsonNode?>(JsonValue.Create("fine")));
        var logs = new CapturingLoggerFactory();
        await using var server = await LoopbackServer.StartAsync();
        Client client = server.CreateClient(o => o.LoggerFactory = logs);
        Task<AsyncSession> connecting = client.Live.ConnectAsync("m", new LiveConnectConfig { Tools = [Live.Tools.LiveToolSet.ToTool(tools)] });
        ServerConnection connection = await server.AcceptAsync();
        await using AsyncSession session = await connecting;
        Task run = session.RunWithToolsAsync(tools, options: new LiveToolOptions { OnToolCallCompleted = _ => throw new InvalidOperationException("observer bug") });

        await connection.SendToolCallAsync(("o1", "ok", "{}"));
        JsonElement[] responses = await connection.ReceiveToolResponseAsync(Wait);

        Assert.Equal("fine", responses[0].GetProperty("response").GetProperty("output").GetString());
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Exception?.Message == "observer bug" && e.Message.Contains("OnToolCallCompleted", StringComparison.Ordinal));
        await connection.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(Wait);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Wait);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
