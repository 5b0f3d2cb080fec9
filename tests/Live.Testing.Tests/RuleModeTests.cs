using System.Text.Json.Nodes;

namespace Live.Testing.Tests;

public sealed class RuleModeTests
{
    private const string TextSetup = """
        {"model":"models/m","generationConfig":{"responseModalities":["TEXT"]},"sessionResumption":{},"tools":[{"functionDeclarations":[
          {"name":"get_weather","description":"Weather.","parameters":{"type":"OBJECT","properties":{"city":{"type":"STRING"}},"required":["city"]}},
          {"name":"slow_job","description":"Slow."},
          {"name":"other_job","description":"Other."}]}]}
        """;

    private static LiveEmulator WeatherRules(LiveEmulator emulator) => emulator
        .OnUserText(@"weather in (?<city>[a-z ]+?)\W*$", turn => turn
            .Say("Let me check.")
            .CallTool("get_weather", new JsonObject { ["city"] = turn["city"] }))
        .OnToolResponse("get_weather", turn => turn.Say(
            $"In {turn.Call!.Args!.Value.GetProperty("city")} it is {turn.Output.GetProperty("temp_c")} °C."));

    private static string UserText(string text) =>
        $$$"""{"clientContent":{"turns":[{"role":"user","parts":[{"text":"{{{text}}}"}]}],"turnComplete":true}}""";

    [Theory]
    [InlineData("What's the weather in Tokyo?", "Tokyo")]
    [InlineData("weather in Paris", "Paris")]
    [InlineData("Tell me: WEATHER IN new york!", "new york")]
    public async Task A_rule_calls_a_tool_and_answers_with_its_output_for_any_wording(string question, string city)
    {
        await using LiveEmulator emulator = WeatherRules(await LiveEmulator.StartAsync());
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator, TextSetup);

        await client.SendAsync(UserText(question));
        List<RawLiveClient.Received> first = await client.ReceiveUntilAsync(r => r.Has("toolCall"));
        JsonNode call = JsonNode.Parse(first[^1].Text)!["toolCall"]!["functionCalls"]![0]!;
        await client.SendAsync($$$$"""{"toolResponse":{"functionResponses":[{"id":"{{{{call["id"]}}}}","name":"get_weather","response":{"output":{"temp_c":19}}}]}}""");
        List<RawLiveClient.Received> answer = await client.ReceiveUntilAsync(r => r.Has("sessionResumptionUpdate"));

        Assert.Contains("Let me check.", first[0].Text, StringComparison.Ordinal);
        Assert.Equal(city, call["args"]!["city"]!.GetValue<string>());
        Assert.Contains($"In {city} it is 19 °C.", answer[0].Text, StringComparison.Ordinal);
        Assert.True(answer[^2].Json.GetProperty("serverContent").GetProperty("turnComplete").GetBoolean());
        Assert.StartsWith("emulator-handle-1-", answer[^1].Json.GetProperty("sessionResumptionUpdate").GetProperty("newHandle").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(first, r => r.Text.Contains("turnComplete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Text_without_a_matching_rule_gets_the_otherwise_answer()
    {
        await using LiveEmulator emulator = WeatherRules(await LiveEmulator.StartAsync())
            .Otherwise(turn => turn.Say($"I only know the weather, not \"{turn.UserText}\"."));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator, TextSetup);

        await client.SendAsync("""{"realtimeInput":{"text":"Sing a song"}}""");
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Contains("I only know the weather, not \\\"Sing a song\\\".", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_content_without_turnComplete_waits_for_the_rest_of_the_turn()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.OnUserText(_ => true, turn => turn.Say($"You said: {turn.UserText}"));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator, TextSetup);

        await client.SendAsync("""{"clientContent":{"turns":[{"role":"user","parts":[{"text":"My name is Ada. "}]}],"turnComplete":false}}""");
        await client.SendAsync(UserText("Remember that."));
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Contains("You said: My name is Ada. Remember that.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_audio_session_hears_streamed_audio_and_answers_with_audio_and_a_transcript()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.OnAudio(turn => turn.Say($"I heard {turn.AudioDuration.TotalSeconds:0.0} seconds."));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator, """{"model":"models/m","outputAudioTranscription":{}}""");

        string chunk = Convert.ToBase64String(new byte[3200]);
        for (int i = 0; i < 10; i++)
        {
            await client.SendAsync($$$$"""{"realtimeInput":{"audio":{"mimeType":"audio/pcm;rate=16000","data":"{{{{chunk}}}}"}}}""");
        }

        await client.SendAsync("""{"realtimeInput":{"audioStreamEnd":true}}""");
        List<RawLiveClient.Received> replies = await client.ReceiveUntilAsync(r => r.Text.Contains("turnComplete", StringComparison.Ordinal));

        string transcript = string.Concat(replies
            .Where(r => r.Json.GetProperty("serverContent").TryGetProperty("outputTranscription", out _))
            .Select(r => r.Json.GetProperty("serverContent").GetProperty("outputTranscription").GetProperty("text").GetString()));
        Assert.Equal("I heard 1.0 seconds.", transcript);
        EmulatorFrame[] audio = emulator.SentFrames.Where(f => f.Audio.Length > 0).ToArray();
        Assert.NotEmpty(audio);
        Assert.All(audio, f => Assert.Equal(0, f.Audio.Length % 2));
        Assert.DoesNotContain(emulator.SentFrames, f => f.Text.Length > 0);
    }

    [Fact]
    public async Task A_resumed_connection_can_answer_a_call_issued_on_the_previous_one()
    {
        await using LiveEmulator emulator = WeatherRules(await LiveEmulator.StartAsync());
        string callId;
        await using (RawLiveClient first = await RawLiveClient.OpenSessionAsync(emulator, TextSetup))
        {
            await first.SendAsync(UserText("weather in Oslo"));
            List<RawLiveClient.Received> received = await first.ReceiveUntilAsync(r => r.Has("toolCall"));
            callId = received[^1].Json.GetProperty("toolCall").GetProperty("functionCalls")[0].GetProperty("id").GetString()!;
        }

        await using RawLiveClient second = await RawLiveClient.OpenSessionAsync(emulator, TextSetup);
        await second.SendAsync($$$$"""{"toolResponse":{"functionResponses":[{"id":"{{{{callId}}}}","name":"get_weather","response":{"output":{"temp_c":-3}}}]}}""");
        RawLiveClient.Received answer = await second.ReceiveAsync();

        Assert.Contains("In Oslo it is -3 °C.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pending_calls_can_be_cancelled_by_a_rule()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator
            .OnUserText("start", turn => turn.CallTool("slow_job").CallTool("other_job"))
            .OnUserText("stop", turn => turn.CancelPendingToolCalls().Say("Stopped."));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator, TextSetup);

        await client.SendAsync(UserText("start"));
        RawLiveClient.Received call = await client.ReceiveAsync();
        await client.SendAsync(UserText("stop"));
        RawLiveClient.Received cancellation = await client.ReceiveAsync();

        string[] ids = call.Json.GetProperty("toolCall").GetProperty("functionCalls").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(2, ids.Length);
        Assert.Equal(ids.Order(StringComparer.Ordinal), cancellation.Json.GetProperty("toolCallCancellation").GetProperty("ids").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task A_rule_that_throws_is_reported_and_closes_with_1011()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.OnUserText("boom", _ => throw new InvalidOperationException("rule bug"));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator, TextSetup);

        await client.SendAsync(UserText("boom"));
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Equal(1011, reply.CloseStatus);
        Assert.Contains("rule bug", Assert.Single(emulator.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get_wether", """{"city":"Oslo"}""", "\"get_wether\", which the session's setup does not declare (the session declared get_weather, slow_job, other_job)")]
    [InlineData("get_weather", """{"town":"Oslo"}""", "\"get_weather\" with the argument \"town\", which its declaration does not have (parameters: city)")]
    [InlineData("get_weather", """{"city":7}""", "\"get_weather\" with \"city\": 7, but its declaration says STRING")]
    [InlineData("get_weather", "{}", "\"get_weather\" without \"city\", which its declaration requires")]
    [InlineData("slow_job", """{"n":1}""", "\"slow_job\" with arguments (n), but its declaration has no parameters")]
    public async Task A_rule_calling_what_the_session_did_not_declare_fails_naming_the_call_and_the_declaration(string function, string args, string expected)
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.OnUserText("go", turn => turn.CallTool(function, JsonNode.Parse(args)!.AsObject()));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator, TextSetup);

        await client.SendAsync(UserText("go"));
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Equal(1011, reply.CloseStatus);
        Assert.Contains(expected, Assert.Single(emulator.Failures), StringComparison.Ordinal);
        LiveEmulatorException error = Assert.Throws<LiveEmulatorException>(emulator.Verify);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_ValidateToolCalls_off_a_rule_may_call_an_undeclared_function()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { ValidateToolCalls = false });
        emulator.OnUserText("go", turn => turn.CallTool("not_declared"));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator, TextSetup);

        await client.SendAsync(UserText("go"));
        RawLiveClient.Received reply = await client.ReceiveAsync();

        Assert.Equal("not_declared", reply.Json.GetProperty("toolCall").GetProperty("functionCalls")[0].GetProperty("name").GetString());
        Assert.Empty(emulator.Failures);
    }

    [Fact]
    public async Task Without_rules_frames_are_only_recorded()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator, TextSetup);

        await client.SendAsync(UserText("anyone there?"));
        await emulator.WaitForFrameAsync(FrameMatcher.ClientContent("anyone"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReceiveAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Single(emulator.SentFrames);
    }

    [Fact]
    public async Task A_rule_can_say_goodbye_send_goAway_and_close()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.OnUserText("bye", turn => turn.Say("Goodbye.").GoAway(TimeSpan.FromSeconds(1)).Close(1000, "session over"));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator, TextSetup);

        await client.SendAsync(UserText("bye"));
        List<RawLiveClient.Received> received = await client.ReceiveUntilAsync(r => r.IsClose);

        Assert.Equal(3, received.Count);
        Assert.Contains("Goodbye.", received[0].Text, StringComparison.Ordinal);
        Assert.Equal("1s", received[1].Json.GetProperty("goAway").GetProperty("timeLeft").GetString());
        Assert.Equal(1000, received[2].CloseStatus);
        Assert.Equal("session over", received[2].CloseReason);
    }

    [Fact]
    public async Task Audio_answers_carry_no_transcription_unless_the_session_asked_for_it()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.OnUserText("hello", turn => turn.Say("Hello there, how are you today?"));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator, """{"model":"models/m"}""");

        await client.SendAsync(UserText("hello"));
        List<RawLiveClient.Received> replies = await client.ReceiveUntilAsync(r => r.Text.Contains("turnComplete", StringComparison.Ordinal));

        Assert.True(replies.Count >= 4);
        Assert.DoesNotContain(replies, r => r.Text.Contains("outputTranscription", StringComparison.Ordinal));
        Assert.True(emulator.SentFrames.Sum(f => f.Audio.Length) > 24000);
    }
}
