using Live.Reliability.Tests.Infrastructure;
using Live.Testing;
using static Live.Reliability.Tests.Infrastructure.EmulatorClients;

namespace Live.Reliability.Tests;

/// <summary>Session resumption against the emulator: goAway, drops, sends during the reconnect, failures.</summary>
public class ResumptionTests
{
    [Fact]
    public async Task GoAway_reconnects_with_the_latest_handle_resends_setup_with_tools_and_messages_continue()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .SendSessionResumptionUpdate("handle-1")
            .ExpectClientContent("before")
            .SendTextTurn("answer one")
            .SendSessionResumptionUpdate(null, resumable: false)
            .SendSessionResumptionUpdate("handle-2")
            .SendGoAway(TimeSpan.FromSeconds(30))
            .ExpectClose());
        emulator.Script(s => s
            .ExpectClientContent("after")
            .SendTextTurn("answer two"));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ResumableConfig("get_weather"));
        await using IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
        await session.SendClientContentAsync("before", turnComplete: true);
        List<LiveServerMessage> first = await messages.ReadUntilAsync(m => m.GoAway is not null);
        Assert.Contains(first, m => IsText(m, "answer one"));

        // Sent after goAway was read: held, and written to the new connection.
        await session.SendClientContentAsync("after", turnComplete: true);
        List<LiveServerMessage> second = await messages.ReadUntilAsync(m => IsText(m, "answer two"));

        Assert.Equal(1, session.ResumptionCount);
        Assert.Equal("handle-2", session.ResumptionHandle);
        Assert.Single(first.Concat(second), m => m.SetupComplete is not null); // the second setupComplete is not delivered
        EmulatorConnection resumed = await emulator.WaitForConnectionAsync(2);
        Assert.Equal("handle-2", resumed.ResumptionHandle);
        Assert.Equal(["get_weather"], resumed.FunctionNames);
        Assert.Equal(emulator.Connections[0].Model, resumed.Model);
        Assert.Null(emulator.Connections[0].ResumptionHandle);
        Assert.DoesNotContain(emulator.Connections[0].ReceivedFrames, f => f.Text == "after");
        await emulator.VerifyAsync(); // the old connection was closed by the client
        Assert.Equal(1000, emulator.Connections[0].ClientCloseStatus);
    }

    [Fact]
    public async Task A_drop_mid_turn_reconnects_and_the_turn_goes_on()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .SendSessionResumptionUpdate("handle-1")
            .ExpectClientContent("story")
            .SendText("Once upon")
            .Abort());
        emulator.Script(s => s.SendTextTurn("a time, the end."));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ResumableConfig());
        await using IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
        await session.SendClientContentAsync("tell a story", turnComplete: true);
        List<LiveServerMessage> read = await messages.ReadUntilAsync(m => m.ServerContent?.TurnComplete == true);

        Assert.Contains(read, m => IsText(m, "Once upon"));
        Assert.Contains(read, m => IsText(m, "the end"));
        Assert.Equal(1, session.ResumptionCount);
        Assert.True(emulator.Connections[0].Aborted);
        Assert.Equal("handle-1", emulator.Connections[1].ResumptionHandle);
        Assert.False(session.IsClosed);
        await session.CloseAsync();
        await emulator.Connections[1].Completion.WaitAsync(TestTimeout);
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task Every_frame_sent_across_a_goAway_resumption_arrives_once_and_in_order()
    {
        const int Count = 300;
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .SendSessionResumptionUpdate("handle-1")
            .SkipUntil(FrameMatcher.UserText("m0100"))
            .SendGoAway(TimeSpan.FromSeconds(20)));

        // The new connection answers setup late, so many sends happen while the session resumes.
        emulator.Script(s => s.NeverAnswerSetup().Delay(TimeSpan.FromMilliseconds(300)).SendSetupComplete());

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ResumableConfig());
        Task reader = DrainAsync(session);
        var sent = new List<string>();
        for (int i = 0; i < Count; i++)
        {
            string text = $"m{i:D4}";
            await session.SendTextAsync(text).WaitAsync(TestTimeout);
            sent.Add(text);
            if (i == 150)
            {
                // From here on the client is resuming: the next sends wait for the new connection.
                await emulator.WaitForConnectionAsync(2);
            }
        }

        await emulator.WaitForFrameAsync(FrameMatcher.UserText($"m{Count - 1:D4}"));
        List<string> arrived = RealtimeTexts(emulator);
        Assert.Equal(sent, arrived);
        Assert.Equal(1, session.ResumptionCount);
        Assert.Contains(emulator.Connections[0].ReceivedFrames, f => f.Text == "m0100");
        Assert.True(emulator.Connections[1].ReceivedFrames.Count(f => f.Kind == ClientMessageKind.RealtimeInput) > 0);
        await session.CloseAsync();
        await reader.WaitAsync(TestTimeout);
    }

    [Fact]
    public async Task Sends_made_while_reconnecting_after_a_drop_wait_and_arrive_in_order()
    {
        const int Count = 100;
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .SendSessionResumptionUpdate("handle-1")
            .ExpectRealtimeInput("ready")
            .Abort());
        emulator.Script(s => s.NeverAnswerSetup().Delay(TimeSpan.FromMilliseconds(400)).SendSetupComplete());

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ResumableConfig());
        Task reader = DrainAsync(session);
        await session.SendTextAsync("ready");
        await emulator.WaitForConnectionAsync(2); // the client noticed the drop and is reconnecting

        var sends = new List<Task>();
        var sent = new List<string>();
        for (int i = 0; i < Count; i++)
        {
            string text = $"r{i:D4}";
            sent.Add(text);
            sends.Add(session.SendTextAsync(text)); // not awaited one by one: they queue up during the reconnect
        }

        await Task.WhenAll(sends).WaitAsync(TestTimeout);
        await emulator.WaitForFrameAsync(FrameMatcher.UserText($"r{Count - 1:D4}"));
        List<string> onNewConnection = emulator.Connections[1].ReceivedFrames
            .Where(f => f.Kind == ClientMessageKind.RealtimeInput).Select(f => f.Text).ToList();
        Assert.Equal(sent, onNewConnection);
        Assert.Equal(1, session.ResumptionCount);
        await session.CloseAsync();
        await reader.WaitAsync(TestTimeout);
    }

    [Fact]
    public async Task A_drop_before_any_resumable_handle_ends_with_a_clear_exception()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .SendSessionResumptionUpdate(null, resumable: false)
            .ExpectClientContent()
            .SendText("partial")
            .Abort());

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ResumableConfig());
        await session.SendClientContentAsync("hello", turnComplete: true);
        var ex = await Assert.ThrowsAsync<LiveResumptionException>(() => DrainAsync(session));
        Assert.Contains("could not be resumed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("resumable handle", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.Attempts);
        Assert.Equal(1006, ex.CloseCode);
        Assert.IsType<LiveServerException>(ex.InnerException);
        Assert.True(session.IsClosed);
        Assert.Single(emulator.Connections);
        var send = await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendTextAsync("after"));
        Assert.Same(ex, send.InnerException);
    }

    [Fact]
    public async Task With_automatic_resumption_off_a_drop_ends_the_session_with_the_typed_exception()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .SendSessionResumptionUpdate("handle-1")
            .ExpectClientContent()
            .Abort());

        await using AsyncSession session = await CreateClient(emulator, o => o.AutomaticResumption = false)
            .Live.ConnectAsync(Model, ResumableConfig());
        await session.SendClientContentAsync("hello", turnComplete: true);
        var ex = await Assert.ThrowsAsync<LiveServerException>(() => DrainAsync(session));
        Assert.IsNotType<LiveResumptionException>(ex);
        Assert.Equal(1006, ex.CloseCode);
        Assert.Equal("handle-1", session.ResumptionHandle); // still tracked, for the caller to use
        Assert.Equal(0, session.ResumptionCount);
        Assert.Single(emulator.Connections);
        Assert.True(session.IsClosed);
    }

    [Fact]
    public async Task A_close_that_blames_the_request_is_not_resumed()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .SendSessionResumptionUpdate("handle-1")
            .ExpectClientContent()
            .Close(1008, "Permission denied"));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ResumableConfig());
        await session.SendClientContentAsync("hello", turnComplete: true);
        var ex = await Assert.ThrowsAsync<LiveClientException>(() => DrainAsync(session));
        Assert.Equal(1008, ex.CloseCode);
        Assert.Single(emulator.Connections);
    }

    [Fact]
    public async Task A_1011_close_is_resumed()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .SendSessionResumptionUpdate("handle-1")
            .ExpectClientContent()
            .Close(1011, "Internal error"));
        emulator.Script(s => s.SendTextTurn("still here"));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ResumableConfig());
        await using IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
        await session.SendClientContentAsync("hello", turnComplete: true);
        await messages.ReadUntilAsync(m => IsText(m, "still here"));
        Assert.Equal(1, session.ResumptionCount);
    }

    [Fact]
    public async Task A_refused_handle_ends_the_session_without_further_tries()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s.SendSessionResumptionUpdate("handle-1").ExpectClientContent().Abort());
        emulator.Script(s => s.NeverAnswerSetup().Close(1007, "Invalid resumption handle"));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ResumableConfig());
        await session.SendClientContentAsync("hello", turnComplete: true);
        var ex = await Assert.ThrowsAsync<LiveResumptionException>(() => DrainAsync(session));
        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid resumption handle", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, ex.Attempts);
        Assert.IsType<LiveClientException>(ex.InnerException);
        Assert.Equal(2, emulator.Connections.Count);
    }

    [Fact]
    public async Task Reconnect_tries_are_bounded_with_backoff()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s.SendSessionResumptionUpdate("handle-1").ExpectClientContent().Abort());
        for (int i = 0; i < 3; i++)
        {
            emulator.Script(s => s.NeverAnswerSetup().Close(1011, "Unavailable"));
        }

        await using AsyncSession session = await CreateClient(emulator, o =>
        {
            o.MaxResumptionAttempts = 3;
            o.ResumptionRetryDelay = TimeSpan.FromMilliseconds(100);
        }).Live.ConnectAsync(Model, ResumableConfig());
        await session.SendClientContentAsync("hello", turnComplete: true);
        var ex = await Assert.ThrowsAsync<LiveResumptionException>(() => DrainAsync(session));
        Assert.Equal(3, ex.Attempts);
        Assert.Contains("3 tries", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, emulator.Connections.Count);

        // Backoff: 100 ms before the second try, 200 ms before the third.
        TimeSpan gap1 = emulator.Connections[2].SetupFrame!.Timestamp - emulator.Connections[1].SetupFrame!.Timestamp;
        TimeSpan gap2 = emulator.Connections[3].SetupFrame!.Timestamp - emulator.Connections[2].SetupFrame!.Timestamp;
        Assert.True(gap1 >= TimeSpan.FromMilliseconds(90), $"gap1 {gap1}");
        Assert.True(gap2 >= TimeSpan.FromMilliseconds(190), $"gap2 {gap2}");
        Assert.Equal(0, emulator.PendingScripts);
    }

    [Fact]
    public async Task Two_resumptions_in_a_row()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s.SendSessionResumptionUpdate("handle-1").ExpectClientContent("one").Abort());
        emulator.Script(s => s.SendSessionResumptionUpdate("handle-2").ExpectClientContent("two").SendGoAway(TimeSpan.FromSeconds(5)));
        emulator.Script(s => s.ExpectClientContent("three").SendTextTurn("done"));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ResumableConfig());
        await using IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
        await session.SendClientContentAsync("one", turnComplete: true);
        await messages.ReadUntilAsync(m => m.SessionResumptionUpdate?.NewHandle == "handle-2");
        await session.SendClientContentAsync("two", turnComplete: true);
        await messages.ReadUntilAsync(m => m.GoAway is not null);
        await session.SendClientContentAsync("three", turnComplete: true);
        await messages.ReadUntilAsync(m => IsText(m, "done"));
        Assert.Equal(2, session.ResumptionCount);
        Assert.Equal("handle-1", emulator.Connections[1].ResumptionHandle);
        Assert.Equal("handle-2", emulator.Connections[2].ResumptionHandle);
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task Cancelling_a_receive_during_the_reconnect_loses_nothing()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s.SendSessionResumptionUpdate("handle-1").ExpectClientContent().Abort());
        emulator.Script(s => s.NeverAnswerSetup().Delay(TimeSpan.FromMilliseconds(500)).SendSetupComplete().SendTextTurn("after the reconnect"));

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, ResumableConfig());
        await session.SendClientContentAsync("hello", turnComplete: true);
        using (var soon = new CancellationTokenSource())
        {
            Task reading = Task.Run(async () =>
            {
                await foreach (LiveServerMessage _ in session.ReceiveAsync(soon.Token))
                {
                }
            });
            await emulator.WaitForConnectionAsync(2);
            soon.Cancel(); // while the session waits for the new connection's setupComplete
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TestTimeout));
        }

        await using IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
        await messages.ReadUntilAsync(m => IsText(m, "after the reconnect"));
        Assert.Equal(1, session.ResumptionCount);
        Assert.Equal(2, emulator.Connections.Count);
    }

    [Fact]
    public async Task Closing_during_the_reconnect_stops_it_and_leaves_no_connection_open()
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s.SendSessionResumptionUpdate("handle-1").ExpectClientContent().Abort());
        emulator.Script(s => s.NeverAnswerSetup());

        await using AsyncSession session = await CreateClient(emulator, o => o.SetupTimeout = TimeSpan.FromSeconds(30)).Live.ConnectAsync(Model, ResumableConfig());
        await session.SendClientContentAsync("hello", turnComplete: true);
        Task reader = DrainAsync(session);
        Task blockedSend = Task.Run(async () =>
        {
            await emulator.WaitForConnectionAsync(2);
            await session.SendTextAsync("held during the reconnect");
        });
        EmulatorConnection second = await emulator.WaitForConnectionAsync(2);
        await Task.Delay(100);
        await session.CloseAsync().WaitAsync(TestTimeout);

        await reader.WaitAsync(TestTimeout); // ends normally: closed by this side
        await Assert.ThrowsAsync<InvalidOperationException>(() => blockedSend.WaitAsync(TestTimeout)); // not sent, and says so
        await second.Completion.WaitAsync(TestTimeout); // the half-open new connection was dropped
        Assert.All(emulator.Connections, c => Assert.False(c.IsOpen));
        Assert.Equal(0, session.ResumptionCount);
        Assert.DoesNotContain(emulator.ReceivedFrames, f => f.Text == "held during the reconnect");
    }

    internal static async Task DrainAsync(AsyncSession session)
    {
        using var cts = new CancellationTokenSource(TestTimeout);
        await foreach (LiveServerMessage _ in session.ReceiveAsync(cts.Token))
        {
        }
    }

    private static List<string> RealtimeTexts(LiveEmulator emulator) =>
        [.. emulator.ReceivedFrames
            .Where(f => f.Kind == ClientMessageKind.RealtimeInput)
            .OrderBy(f => f.Connection).ThenBy(f => f.Sequence)
            .Select(f => f.Text)];
}
