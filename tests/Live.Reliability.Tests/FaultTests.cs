using System.Text.Json.Nodes;
using Live.Testing;
using Live.Tools;
using static Live.Reliability.Tests.Infrastructure.EmulatorClients;

namespace Live.Reliability.Tests;

/// <summary>Faults injected by the emulator; each ends in a defined state.</summary>
public class FaultTests
{
    private static LiveConnectConfig ToolConfig(ILiveToolSet tools, bool resumable) => new()
    {
        ResponseModalities = [Modality.Text],
        Tools = [tools.ToTool()],
        SessionResumption = resumable ? new SessionResumptionConfig() : null,
    };

    [Fact]
    public async Task Connection_dropped_mid_turn_ends_receive_with_a_server_exception_and_closes_the_session()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s.ExpectClientContent().SendText("half an ans").Abort());

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, new LiveConnectConfig { ResponseModalities = [Modality.Text] });
        await session.SendClientContentAsync("hi", turnComplete: true);
        var read = new List<LiveServerMessage>();
        var ex = await Assert.ThrowsAsync<LiveServerException>(async () =>
        {
            await foreach (LiveServerMessage message in session.ReceiveAsync().WithCancellation(new CancellationTokenSource(TestTimeout).Token))
            {
                read.Add(message);
            }
        });

        Assert.Equal(1006, ex.CloseCode);
        Assert.Contains(read, m => IsText(m, "half an ans"));
        Assert.True(session.IsClosed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendTextAsync("after"));
        await ResumptionTests.DrainAsync(session).ContinueWith(t => Assert.IsType<LiveServerException>(t.Exception!.InnerException)); // the same end again
    }

    [Fact]
    public async Task Connection_dropped_mid_tool_call_cancels_the_tool_and_leaves_nothing_running()
    {
        var tools = new FaultTools();
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s.ExpectClientContent().SendToolCall("call-1", "hang").Delay(TimeSpan.FromMilliseconds(100)).Abort());

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ToolConfig(tools, resumable: false));
        await session.SendClientContentAsync("hang please", turnComplete: true);
        var ex = await Assert.ThrowsAsync<LiveServerException>(() => session.RunWithToolsAsync(tools).WaitAsync(TestTimeout));

        Assert.Equal(1006, ex.CloseCode);
        Assert.True(tools.HangStarted.Task.IsCompleted);
        Assert.True(tools.HangCancelled.Task.IsCompleted, "the tool was not cancelled when the loop ended");
        Assert.DoesNotContain(emulator.ReceivedFrames, f => f.Kind == ClientMessageKind.ToolResponse);
    }

    [Fact]
    public async Task A_tool_call_made_before_the_resumption_handle_is_answered_on_the_new_connection()
    {
        var tools = new FaultTools();
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .ExpectClientContent()
            .SendToolCall("call-1", "hang")
            .SendSessionResumptionUpdate("handle-after-call")
            .Do(async _ => await tools.HangStarted.Task)
            .SendGoAway(TimeSpan.FromSeconds(10))
            .ExpectClose());
        emulator.Script(s => s
            .ExpectToolResponse("call-1")
            .ReplyWith(f => ServerMessage.TextTurn("got " + f.ToolResponse("call-1").Output)));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ToolConfig(tools, resumable: true));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TestTimeout);
        Task loop = session.RunWithToolsAsync(tools, (m, _) =>
        {
            if (m.GoAway is not null)
            {
                tools.HangRelease.TrySetResult(); // the tool finishes while the session resumes
            }

            if (IsText(m, "got released"))
            {
                done.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }, cancellationToken: stop.Token);

        await session.SendClientContentAsync("go", turnComplete: true);
        await done.Task.WaitAsync(TestTimeout);
        Assert.Equal(1, session.ResumptionCount);
        Assert.False(tools.HangCancelled.Task.IsCompleted);
        Assert.Single(emulator.ReceivedFrames, f => f.Kind == ClientMessageKind.ToolResponse);
        Assert.Equal(2, emulator.ReceivedFrames.Single(f => f.Kind == ClientMessageKind.ToolResponse).Connection);
        await session.CloseAsync();
        await loop.WaitAsync(TestTimeout);
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task A_tool_call_made_after_the_resumption_handle_is_cancelled_when_the_session_resumes()
    {
        var tools = new FaultTools();
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .SendSessionResumptionUpdate("handle-before-call")
            .ExpectClientContent()
            .SendToolCall("call-1", "hang")
            .Do(async _ => await tools.HangStarted.Task)
            .Abort());
        emulator.Script(s => s.SendTextTurn("resumed without the call"));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ToolConfig(tools, resumable: true));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TestTimeout);
        Task loop = session.RunWithToolsAsync(tools, (m, _) =>
        {
            if (IsText(m, "resumed without the call"))
            {
                done.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }, cancellationToken: stop.Token);

        await session.SendClientContentAsync("go", turnComplete: true);
        await done.Task.WaitAsync(TestTimeout);
        await tools.HangCancelled.Task.WaitAsync(TestTimeout);
        Assert.Equal(1, session.ResumptionCount);
        await session.CloseAsync();
        await loop.WaitAsync(TestTimeout);
        Assert.DoesNotContain(emulator.ReceivedFrames, f => f.Kind == ClientMessageKind.ToolResponse);
    }

    [Fact]
    public async Task No_setup_complete_times_out_and_the_connection_is_released()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s.NeverAnswerSetup());

        Client client = CreateClient(emulator, o => o.SetupTimeout = TimeSpan.FromMilliseconds(400));
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.Live.ConnectAsync(Model));
        Assert.Contains("setupComplete", ex.Message, StringComparison.Ordinal);
        await emulator.Connections[0].Completion.WaitAsync(TestTimeout); // the client dropped the connection
        Assert.False(emulator.Connections[0].IsOpen);
    }

    [Fact]
    public async Task A_slow_tool_times_out_with_an_error_response_and_the_session_goes_on()
    {
        var tools = new FaultTools();
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .ExpectClientContent()
            .SendToolCall("call-1", "slow")
            .SendTextTurn("still talking while the tool runs")
            .ExpectToolResponse("call-1")
            .ReplyWith(f => ServerMessage.TextTurn("tool said: " + f.ToolResponse("call-1").Error)));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ToolConfig(tools, resumable: false));
        var texts = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TestTimeout);
        Task loop = session.RunWithToolsAsync(tools, (m, _) =>
        {
            if (m.Text is { } text)
            {
                texts.Add(text);
                if (text.StartsWith("tool said", StringComparison.Ordinal))
                {
                    done.TrySetResult();
                }
            }

            return ValueTask.CompletedTask;
        }, cancellationToken: stop.Token);

        await session.SendClientContentAsync("be slow", turnComplete: true);
        await done.Task.WaitAsync(TestTimeout);
        Assert.Equal("still talking while the tool runs", texts[0]);
        Assert.Contains("timed out", texts[1], StringComparison.Ordinal);
        Assert.True(tools.SlowCancelled.Task.IsCompleted);
        await session.CloseAsync();
        await loop.WaitAsync(TestTimeout);
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task A_tool_call_for_an_unknown_function_is_answered_with_an_error()
    {
        var tools = new FaultTools();
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .ExpectClientContent()
            .SendToolCall("call-x", "no_such_function", new JsonObject { ["a"] = 1 })
            .ExpectToolResponse("call-x")
            .ReplyWith(f => ServerMessage.TextTurn("error: " + f.ToolResponse("call-x").Error)));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ToolConfig(tools, resumable: false));
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TestTimeout);
        Task loop = session.RunWithToolsAsync(tools, (m, _) =>
        {
            if (m.Text is { } text)
            {
                done.TrySetResult(text);
            }

            return ValueTask.CompletedTask;
        }, cancellationToken: stop.Token);

        await session.SendClientContentAsync("call something odd", turnComplete: true);
        string answer = await done.Task.WaitAsync(TestTimeout);
        Assert.Contains("no_such_function", answer, StringComparison.Ordinal);
        await session.CloseAsync();
        await loop.WaitAsync(TestTimeout);
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task GoAway_without_resumption_is_delivered_and_the_following_close_ends_the_session()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s.SendGoAway(TimeSpan.FromMilliseconds(200)).Delay(TimeSpan.FromMilliseconds(200)).Close(1011, "Session time limit reached"));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model);
        var read = new List<LiveServerMessage>();
        var ex = await Assert.ThrowsAsync<LiveServerException>(async () =>
        {
            await foreach (LiveServerMessage message in session.ReceiveAsync().WithCancellation(new CancellationTokenSource(TestTimeout).Token))
            {
                read.Add(message);
            }
        });

        Assert.IsNotType<LiveResumptionException>(ex);
        Assert.Equal(1011, ex.CloseCode);
        Assert.Equal(TimeSpan.FromMilliseconds(200), Assert.Single(read, m => m.GoAway is not null).GoAway!.TimeLeftDuration);
        Assert.Single(emulator.Connections);
    }

    [Fact]
    public async Task GoAway_with_resumption_but_no_handle_yet_ends_with_a_resumption_exception_at_the_close()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s.SendGoAway(TimeSpan.FromMilliseconds(100)).Delay(TimeSpan.FromMilliseconds(100)).Close(1011, "Session time limit reached"));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ResumableConfig());
        var ex = await Assert.ThrowsAsync<LiveResumptionException>(() => ResumptionTests.DrainAsync(session));
        Assert.Equal(1011, ex.CloseCode);
        Assert.Contains("resumable handle", ex.Message, StringComparison.Ordinal);
        Assert.Single(emulator.Connections);
    }
}
