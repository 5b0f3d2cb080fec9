using System.Text.Json;
using System.Text.Json.Nodes;

namespace Live.Testing.Tests.Conformance;

/// <summary>
/// The proof that the emulator speaks the real protocol: the official JavaScript client (npm <c>@google/genai</c>
/// 3.1.0, installed by the test into Conformance/js) runs a whole session against it.
/// </summary>
public sealed class OfficialClientConformanceTests
{
    private static readonly TimeSpan s_scenarioTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_official_client_runs_a_session_with_text_audio_tools_cancellation_resumption_and_goAway()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s
            .ExpectClientContent("Hello emulator")
            .SendTextTurn("Hello from the Live.Testing emulator.", chunks: 3)
            .SkipUntil(FrameMatcher.AudioStreamEnd)
            .Do(context => context.SendAsync(ServerMessage.AudioTurn(
                new byte[4800],
                chunks: 2,
                transcript: $"I heard {context.Connection.ReceivedFrames.Sum(f => f.Audio.Length)} bytes of audio.")))
            .ExpectClientContent("weather in Tokyo")
            .SendToolCall("call-1", "get_weather", new JsonObject { ["city"] = "Tokyo" })
            .ExpectToolResponse("call-1")
            .ReplyWith(frame =>
            {
                JsonElement output = frame.ToolResponse("call-1").Output;
                return ServerMessage.TextTurn($"It is {output.GetProperty("temp_c")} °C and {output.GetProperty("sky")} in Tokyo.", chunks: 2);
            })
            .ExpectClientContent("long task")
            .SendToolCall("call-2", "start_long_task", new JsonObject { ["label"] = "report" })
            .Delay(TimeSpan.FromMilliseconds(50))
            .SendToolCallCancellation("call-2")
            .SendSessionResumptionUpdate("handle-1")
            .SendGoAway(TimeSpan.FromSeconds(30))
            .ExpectClose());

        DriverRun run = await NodeDriver.RunScenarioAsync(emulator, "conversation", s_scenarioTimeout);

        // What the official client saw.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["connected", "text_turn", "audio_turn", "tool_call", "tool_answer", "tool_call", "tool_call_cancellation", "resumption_update", "go_away", "closed", "done"],
            run.Names);
        JsonElement text = run.Single("text_turn");
        Assert.Equal("Hello from the Live.Testing emulator.", text.GetProperty("text").GetString());
        Assert.Equal(3, text.GetProperty("chunks").GetInt32());
        Assert.True(text.GetProperty("generationComplete").GetBoolean());
        JsonElement audio = run.Single("audio_turn");
        Assert.Equal(4800, audio.GetProperty("audioBytes").GetInt32());
        Assert.Equal("I heard 12800 bytes of audio.", audio.GetProperty("transcript").GetString());
        JsonElement call = run.Events.First(e => e.GetProperty("event").GetString() == "tool_call").GetProperty("calls")[0];
        Assert.Equal("call-1", call.GetProperty("id").GetString());
        Assert.Equal("get_weather", call.GetProperty("name").GetString());
        Assert.Equal("Tokyo", call.GetProperty("args").GetProperty("city").GetString());
        Assert.Equal("It is 18 °C and clear in Tokyo.", run.Single("tool_answer").GetProperty("text").GetString());
        Assert.Equal(["call-2"], run.Single("tool_call_cancellation").GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("handle-1", run.Single("resumption_update").GetProperty("newHandle").GetString());
        Assert.True(run.Single("resumption_update").GetProperty("resumable").GetBoolean());
        Assert.Equal("30s", run.Single("go_away").GetProperty("timeLeft").GetString());
        // The JavaScript client closes without a status; the .NET WebSocket stack reads that as 1000 and echoes 1000.
        Assert.Equal(1000, run.Single("closed").GetProperty("code").GetInt32());

        // What the emulator recorded from it.
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        await connection.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("//ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent", connection.Path);
        Assert.Equal("v1", connection.ApiVersion);
        Assert.Equal(emulator.ApiKey, connection.ApiKey);
        Assert.StartsWith("google-genai-sdk/3.1.0", connection.Headers["user-agent"], StringComparison.Ordinal);
        Assert.Equal("models/gemini-live-2.5-flash-preview", connection.Model);
        Assert.Equal(["get_weather", "start_long_task"], connection.FunctionNames);
        Assert.Equal(["TEXT"], connection.ResponseModalities);
        Assert.True(connection.ResumptionEnabled);
        Assert.Null(connection.ResumptionHandle);

        IReadOnlyList<EmulatorFrame> received = connection.ReceivedFrames;
        Assert.Equal(
            [
                ClientMessageKind.Setup, ClientMessageKind.ClientContent, ClientMessageKind.RealtimeInput, ClientMessageKind.RealtimeInput,
                ClientMessageKind.RealtimeInput, ClientMessageKind.ClientContent, ClientMessageKind.ToolResponse, ClientMessageKind.ClientContent,
                ClientMessageKind.None,
            ],
            received.Select(f => f.Kind));
        Assert.All(received.Where(f => !f.IsClose), f => Assert.False(f.IsBinary));
        Assert.Equal([6400, 6400, 0], received.Where(f => f.Kind == ClientMessageKind.RealtimeInput).Select(f => f.Audio.Length));
        ReceivedFunctionResponse response = received.Single(f => f.Kind == ClientMessageKind.ToolResponse).ToolResponse("call-1");
        Assert.Equal("get_weather", response.Name);
        Assert.Equal(18, response.Output.GetProperty("temp_c").GetInt32());
        Assert.True(received[^1].IsClose);
        Assert.Equal(1000, received[^1].CloseStatus);
        Assert.Empty(emulator.Failures);
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task The_official_client_reports_a_wrong_key_as_a_1008_close_before_setup_completes()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();

        DriverRun run = await NodeDriver.RunScenarioAsync(emulator, "bad-key", s_scenarioTimeout);

        Assert.True(run.ExitCode == 0, run.ToString());
        string message = run.Single("connect_rejected").GetProperty("message").GetString()!;
        Assert.Contains("code 1008", message, StringComparison.Ordinal);
        Assert.Contains("API key not valid", message, StringComparison.Ordinal);
        Assert.Equal(1008, run.Single("closed").GetProperty("code").GetInt32());
        Assert.Equal("not-the-emulator-key", Assert.Single(emulator.Connections).ApiKey);
    }

    [Fact]
    public async Task The_official_client_reports_a_malformed_setup_as_a_1007_close_naming_the_field()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();

        DriverRun run = await NodeDriver.RunScenarioAsync(emulator, "bad-setup", s_scenarioTimeout);

        Assert.True(run.ExitCode == 0, run.ToString());
        string message = run.Single("connect_rejected").GetProperty("message").GetString()!;
        Assert.Contains("code 1007", message, StringComparison.Ordinal);
        Assert.Contains("setup.generation_config.temperature", message, StringComparison.Ordinal);
        EmulatorFrame setup = Assert.Single(emulator.ReceivedFrames, f => f.Kind == ClientMessageKind.Setup);
        Assert.Equal("very hot", setup.Body.GetProperty("generationConfig").GetProperty("temperature").GetString());
    }
}
