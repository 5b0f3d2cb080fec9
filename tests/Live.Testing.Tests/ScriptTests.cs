using System.Net.WebSockets;
using System.Text.Json.Nodes;
using static Live.Testing.ServerMessage;

namespace Live.Testing.Tests;

public sealed class ScriptTests
{
    private const string UserTurn = """{"clientContent":{"turns":[{"role":"user","parts":[{"text":"What is the weather in Tokyo?"}]}],"turnComplete":true}}""";

    [Fact]
    public async Task A_script_expects_frames_and_streams_a_text_turn_in_chunks()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s
            .ExpectClientContent("weather in tokyo")
            .SendTextTurn("Sunny and warm in Tokyo today.", chunks: 3));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        await client.SendAsync(UserTurn);
        List<RawLiveClient.Received> replies = await client.ReceiveUntilAsync(r => r.Text.Contains("turnComplete", StringComparison.Ordinal));

        Assert.Equal(5, replies.Count);
        Assert.Equal(
            "Sunny and warm in Tokyo today.",
            string.Concat(replies.Take(3).Select(r => r.Json.GetProperty("serverContent").GetProperty("modelTurn").GetProperty("parts")[0].GetProperty("text").GetString())));
        Assert.True(replies[3].Json.GetProperty("serverContent").GetProperty("generationComplete").GetBoolean());
        Assert.True(replies[4].Json.GetProperty("serverContent").GetProperty("turnComplete").GetBoolean());
        Assert.All(replies, r => Assert.Equal(WebSocketMessageType.Binary, r.Type));
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task A_reply_is_computed_from_the_tool_response_the_client_sent()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s
            .ExpectClientContent("weather")
            .SendToolCall("call-1", "get_weather", new JsonObject { ["city"] = "Tokyo" })
            .ExpectToolResponse("call-1")
            .ReplyWith(frame => TextTurn($"It is {frame.ToolResponse("call-1").Output.GetProperty("temp_c")} °C in Tokyo.")));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        await client.SendAsync(UserTurn);
        RawLiveClient.Received call = await client.ReceiveAsync();
        Assert.Equal("get_weather", call.Json.GetProperty("toolCall").GetProperty("functionCalls")[0].GetProperty("name").GetString());
        Assert.Equal("Tokyo", call.Json.GetProperty("toolCall").GetProperty("functionCalls")[0].GetProperty("args").GetProperty("city").GetString());
        await client.SendAsync("""{"toolResponse":{"functionResponses":[{"id":"call-1","name":"get_weather","response":{"output":{"temp_c":21}}}]}}""");
        RawLiveClient.Received answer = await client.ReceiveAsync();

        Assert.Equal("It is 21 °C in Tokyo.", answer.Json.GetProperty("serverContent").GetProperty("modelTurn").GetProperty("parts")[0].GetProperty("text").GetString());
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task A_frame_that_does_not_match_fails_the_script_and_closes_with_1011()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s.ExpectToolResponse("call-1").SendTextTurn("never sent"));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        await client.SendAsync(UserTurn);
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Equal(1011, reply.CloseStatus);
        Assert.StartsWith("LiveEmulator: expected toolResponse for id \"call-1\", got clientContent", reply.CloseReason, StringComparison.Ordinal);
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.Equal(ScriptStatus.Failed, connection.ScriptStatus);
        LiveEmulatorException error = Assert.Throws<LiveEmulatorException>(emulator.Verify);
        Assert.Contains("expected toolResponse for id \"call-1\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkipUntil_passes_over_audio_chunks()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s
            .SkipUntil(FrameMatcher.AudioStreamEnd)
            .ReplyWith(frame => TextTurn($"got {emulator.ReceivedFrames.Sum(f => f.Audio.Length)} bytes")));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        for (int i = 0; i < 5; i++)
        {
            await client.SendAsync($$$$"""{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"{{{{Convert.ToBase64String(new byte[320])}}}}"}}}""");
        }

        await client.SendAsync("""{"realtimeInput":{"audioStreamEnd":true}}""");
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Contains("got 1600 bytes", reply.Text, StringComparison.Ordinal);
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task An_expectation_times_out()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s.ExpectClientContent(timeout: TimeSpan.FromMilliseconds(200)));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Equal(1011, reply.CloseStatus);
        Assert.Contains("timed out waiting for clientContent", reply.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Abort_drops_the_connection_without_a_close_frame()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s.ExpectClientContent().SendText("partial answer").Abort());
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        await client.SendAsync(UserTurn);
        RawLiveClient.Received partial = await client.ReceiveAsync();
        Assert.Contains("partial answer", partial.Text, StringComparison.Ordinal);
        WebSocketException error = await Assert.ThrowsAsync<WebSocketException>(() => client.ReceiveAsync());

        Assert.Equal(WebSocketError.ConnectionClosedPrematurely, error.WebSocketErrorCode);
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        await connection.Completion.WaitAsync(RawLiveClient.Timeout);
        Assert.True(connection.Aborted);
        Assert.Null(connection.ServerCloseStatus);
        Assert.DoesNotContain(emulator.Frames, f => f.IsClose);
    }

    [Fact]
    public async Task Close_sends_a_status_and_reason()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s.ExpectClientContent().Close(4001, "custom application error"));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        await client.SendAsync(UserTurn);
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Equal(4001, reply.CloseStatus);
        Assert.Equal("custom application error", reply.CloseReason);
        await client.CloseAsync();
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        await connection.Completion.WaitAsync(RawLiveClient.Timeout);
        Assert.Equal(4001, connection.ServerCloseStatus);
        Assert.False(connection.Aborted);
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task NeverAnswerSetup_leaves_the_client_waiting()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s.NeverAnswerSetup());
        await using RawLiveClient client = await RawLiveClient.ConnectAsync(emulator);

        await client.SendAsync("""{"setup":{"model":"models/gemini-live-2.5-flash-preview"}}""");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReceiveAsync(TimeSpan.FromMilliseconds(500)));
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.NotNull(connection.SetupFrame);
        Assert.DoesNotContain(emulator.Frames, f => f.Direction == FrameDirection.ServerToClient);
    }

    [Fact]
    public async Task Messages_can_come_before_a_late_setupComplete()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s.NeverAnswerSetup().SendText("early").Delay(TimeSpan.FromMilliseconds(50)).SendSetupComplete("session-7"));
        await using RawLiveClient client = await RawLiveClient.ConnectAsync(emulator);

        await client.SendAsync("""{"setup":{"model":"models/gemini-live-2.5-flash-preview"}}""");
        RawLiveClient.Received first = await client.ReceiveAsync();
        RawLiveClient.Received second = await client.ReceiveAsync();

        Assert.True(first.Has("serverContent"));
        Assert.Equal("session-7", second.Json.GetProperty("setupComplete").GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task Every_server_message_kind_goes_out_in_order()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s
            .SendInputTranscription("hello")
            .SendAudioTurn(new byte[960], chunks: 2, transcript: "hi there")
            .SendInterrupted()
            .SendToolCallCancellation("call-9")
            .SendSessionResumptionUpdate("handle-1")
            .SendUsageMetadata(10, 5)
            .SendGoAway(TimeSpan.FromSeconds(50))
            .SendRaw("""{"voiceActivity":{"type":"ACTIVITY_START"},"unknownField":1}""")
            .SendMalformed());
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        var received = new List<RawLiveClient.Received>();
        for (int i = 0; i < 12; i++)
        {
            received.Add(await client.ReceiveAsync());
        }

        Assert.Equal("hello", received[0].Json.GetProperty("serverContent").GetProperty("inputTranscription").GetProperty("text").GetString());
        Assert.Equal("audio/pcm;rate=24000", received[1].Json.GetProperty("serverContent").GetProperty("modelTurn").GetProperty("parts")[0].GetProperty("inlineData").GetProperty("mimeType").GetString());
        Assert.Equal(
            "hi there",
            string.Concat(received.Skip(1).Take(2).Select(r => r.Json.GetProperty("serverContent").GetProperty("outputTranscription").GetProperty("text").GetString())));
        Assert.True(received[3].Json.GetProperty("serverContent").GetProperty("generationComplete").GetBoolean());
        Assert.True(received[4].Json.GetProperty("serverContent").GetProperty("turnComplete").GetBoolean());
        Assert.True(received[5].Json.GetProperty("serverContent").GetProperty("interrupted").GetBoolean());
        Assert.Equal("call-9", received[6].Json.GetProperty("toolCallCancellation").GetProperty("ids")[0].GetString());
        Assert.Equal("handle-1", received[7].Json.GetProperty("sessionResumptionUpdate").GetProperty("newHandle").GetString());
        Assert.Equal(15, received[8].Json.GetProperty("usageMetadata").GetProperty("totalTokenCount").GetInt32());
        Assert.Equal("50s", received[9].Json.GetProperty("goAway").GetProperty("timeLeft").GetString());
        Assert.Equal("""{"voiceActivity":{"type":"ACTIVITY_START"},"unknownField":1}""", received[10].Text);
        Assert.Equal("this is not JSON {", received[11].Text);
        Assert.Equal(960, emulator.SentFrames.Sum(f => f.Audio.Length));
        Assert.False(emulator.SentFrames.Last().IsJson);
    }

    [Fact]
    public async Task Do_runs_a_custom_asynchronous_step()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s.Do(async context =>
        {
            EmulatorFrame? frame = await context.ReceiveAsync();
            await context.SendAsync(TextTurn($"echo: {frame!.Text}"));
        }));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        await client.SendAsync("""{"realtimeInput":{"text":"ping"}}""");

        Assert.Contains("echo: ping", (await client.ReceiveAsync()).Text, StringComparison.Ordinal);
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task A_reply_callback_that_throws_fails_the_script()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s.ExpectClientContent().ReplyWith(frame => TextTurn(frame.ToolResponse("missing").ToString())));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator);

        await client.SendAsync(UserTurn);
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Equal(1011, reply.CloseStatus);
        Assert.Contains("KeyNotFoundException", Assert.Single(emulator.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_reports_a_script_interrupted_by_the_client_and_an_unused_script()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s.ExpectToolResponse()).Script(s => s.SendTextTurn("second connection"));
        await using (RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator))
        {
            await client.CloseAsync();
        }

        EmulatorConnection connection = Assert.Single(emulator.Connections);
        await connection.Completion.WaitAsync(RawLiveClient.Timeout);

        LiveEmulatorException error = await Assert.ThrowsAsync<LiveEmulatorException>(() => emulator.VerifyAsync());
        Assert.Equal(ScriptStatus.Interrupted, connection.ScriptStatus);
        Assert.Contains("the client closed the connection", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 queued script(s) were never used", error.Message, StringComparison.Ordinal);
        Assert.Equal(1000, connection.ClientCloseStatus);
    }
}
