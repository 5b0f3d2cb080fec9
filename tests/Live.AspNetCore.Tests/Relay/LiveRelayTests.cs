using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Live.Testing;
using Microsoft.AspNetCore.Builder;

namespace Live.AspNetCore.Tests.Relay;

/// <summary>The relay protocol, played from a .NET WebSocket as the page: each test checks what a page author relies on.</summary>
public sealed class LiveRelayTests
{
    [Fact]
    public async Task Audio_from_the_page_reaches_the_Live_session_as_16_kHz_realtime_audio_byte_for_byte()
    {
        await using RelayHost host = await RelayHost.StartAsync();
        await using PageClient page = await host.ConnectPageAsync();
        PageMessage ready = await page.WaitForTypeAsync("ready");
        Assert.Equal(16000, ready.Json.GetProperty("inputSampleRate").GetInt32());
        Assert.Equal(24000, ready.Json.GetProperty("outputSampleRate").GetInt32());

        byte[][] frames = [.. Enumerable.Range(1, 3).Select(i => Enumerable.Range(0, 640).Select(b => (byte)(b * i)).ToArray())];
        foreach (byte[] frame in frames)
        {
            await page.SendAudioAsync(frame);
        }

        await page.SendTextAsync("""{"type":"audioStreamEnd"}""");
        await host.Emulator.WaitForFrameAsync(FrameMatcher.AudioStreamEnd);

        EmulatorFrame[] audio = [.. host.Emulator.ReceivedFrames.Where(f => f.Audio.Length > 0)];
        Assert.Equal(frames.SelectMany(f => f), audio.SelectMany(f => f.Audio));
        Assert.All(audio, f => Assert.Contains("audio/pcm;rate=16000", f.Payload, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tool_call_runs_on_the_server_and_the_page_sees_the_call_its_result_the_transcripts_and_the_audio()
    {
        await using RelayHost host = await RelayHost.StartAsync();
        host.Emulator
            .OnUserText(@"weather in (?<city>\w+)", turn => turn.TranscribeInput(turn.UserText).CallTool("get_weather", new JsonObject { ["location"] = turn["city"] }))
            .OnToolResponse("get_weather", turn => turn.Say("The tool said: " + turn.Output.GetString()));
        await using PageClient page = await host.ConnectPageAsync();
        await page.WaitForTypeAsync("ready");

        await page.SendTextAsync("""{"type":"text","text":"What is the weather in Oslo?"}""");

        PageMessage call = await page.WaitForTypeAsync("toolCall");
        Assert.Equal("get_weather", call.Get("name"));
        Assert.Equal("Oslo", call.Json.GetProperty("args").GetProperty("location").GetString());
        PageMessage result = await page.WaitForTypeAsync("toolResult");
        Assert.Equal(call.Get("id"), result.Get("id"));
        Assert.False(result.Json.GetProperty("isError").GetBoolean());
        Assert.Equal("server-side forecast for Oslo: 21 °C", result.Json.GetProperty("response").GetProperty("output").GetString());
        await page.WaitForTypeAsync("turnComplete");

        Assert.Equal(1, host.Tools.Calls);
        IReadOnlyList<PageMessage> all = page.All;
        Assert.Contains(all, m => m.Type == "transcript" && m.Get("role") == "user" && m.Get("text") == "What is the weather in Oslo?");
        string said = string.Concat(all.Where(m => m.Type == "transcript" && m.Get("role") == "model").Select(m => m.Get("text")));
        Assert.Equal("The tool said: server-side forecast for Oslo: 21 °C", said);
        int audioBytes = all.Where(m => m.IsAudio).Sum(m => m.Data.Length);
        Assert.True(audioBytes > 24_000, $"the model's audio reached the page ({audioBytes} bytes)");
        Assert.True(all.Where(m => m.IsAudio).All(m => m.Data.Length % 2 == 0));

        // The order a page relies on: the call before its result, the result before the answer's audio, turnComplete last.
        int Index(Func<PageMessage, bool> p) => all.ToList().FindIndex(m => p(m));
        Assert.True(Index(m => m.Type == "toolCall") < Index(m => m.Type == "toolResult"));
        Assert.True(Index(m => m.Type == "toolResult") < Index(m => m.IsAudio));
        Assert.True(Index(m => m.IsAudio) < Index(m => m.Type == "turnComplete"));
    }

    [Fact]
    public async Task Interrupted_reaches_the_page_after_the_audio_before_it_and_before_the_audio_after_it()
    {
        await using RelayHost host = await RelayHost.StartAsync();
        host.Emulator.OnUserText("talk", turn => turn
            .SayAudio(new byte[48_000], chunks: 4)
            .Interrupt()
            .SayAudio(new byte[9_600], transcript: "after", chunks: 2));
        await using PageClient page = await host.ConnectPageAsync();
        await page.WaitForTypeAsync("ready");
        await page.SendTextAsync("""{"type":"text","text":"talk to me"}""");
        await page.WaitForTypeAsync("turnComplete");

        List<PageMessage> all = [.. page.All];
        int interrupted = all.FindIndex(m => m.Type == "interrupted");
        Assert.True(interrupted > 0, "the page received interrupted");
        Assert.Equal(1, all.Count(m => m.Type == "interrupted"));

        // Audio sent after the interruption is the new answer: all of it reaches the page, after the interruption.
        Assert.Equal(9_600, all.Skip(interrupted).Where(m => m.IsAudio).Sum(m => m.Data.Length));

        // Audio before it either went out before it or was dropped as stale: never any after it from the old answer.
        Assert.True(all.Take(interrupted).Where(m => m.IsAudio).Sum(m => m.Data.Length) <= 48_000);
    }

    [Fact]
    public async Task Bad_messages_from_the_page_get_an_error_and_the_session_goes_on()
    {
        await using RelayHost host = await RelayHost.StartAsync();
        host.Emulator.OnUserText("hello", turn => turn.SayText("hi there"));
        await using PageClient page = await host.ConnectPageAsync();
        await page.WaitForTypeAsync("ready");

        await page.SendTextAsync("not json at all");
        Assert.Equal("bad_message", (await page.WaitForTypeAsync("error")).Get("code"));
        await page.SendTextAsync("""{"type":"selfDestruct"}""");
        PageMessage unknown = await page.WaitForTypeAsync("error");
        Assert.Contains("selfDestruct", unknown.Get("message"), StringComparison.Ordinal);
        await page.SendAudioAsync([1, 2, 3]);
        Assert.Equal("bad_audio", (await page.WaitForTypeAsync("error")).Get("code"));

        // Nothing of that reached the Live session, and the session still works.
        Assert.DoesNotContain(host.Emulator.ReceivedFrames, f => f.Audio.Length > 0);
        await page.SendTextAsync("""{"type":"text","text":"hello"}""");
        Assert.Equal("hi there", (await page.WaitForTypeAsync("text")).Get("text"));
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_the_page_with_1009_after_an_error()
    {
        await using RelayHost host = await RelayHost.StartAsync(o => o.MaxIncomingMessageBytes = 4096);
        await using PageClient page = await host.ConnectPageAsync();
        await page.WaitForTypeAsync("ready");

        await page.SendAudioAsync(new byte[10_000]);

        Assert.Equal("message_too_big", (await page.WaitForTypeAsync("error")).Get("code"));
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await page.WaitForCloseAsync());
        await host.Emulator.WaitForFrameAsync(FrameMatcher.Close);
    }

    [Fact]
    public async Task When_the_Live_session_ends_the_page_is_told_and_its_socket_closes_normally()
    {
        await using RelayHost host = await RelayHost.StartAsync();
        host.Emulator.OnUserText("bye", turn => turn.SayText("goodbye").Close(1000, "done"));
        await using PageClient page = await host.ConnectPageAsync();
        await page.WaitForTypeAsync("ready");

        await page.SendTextAsync("""{"type":"text","text":"bye"}""");

        Assert.Equal("goodbye", (await page.WaitForTypeAsync("text")).Get("text"));
        Assert.Equal("The Live session ended.", (await page.WaitForTypeAsync("closed")).Get("reason"));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await page.WaitForCloseAsync());
    }

    [Fact]
    public async Task The_API_key_never_reaches_the_page_even_when_the_connection_to_the_service_fails()
    {
        const string Key = "server-only-key-7f3a9c";
        await using RelayHost host = await RelayHost.StartAsync(
            emulatorOptions: new LiveEmulatorOptions { ApiKey = Key });
        host.Emulator.OnUserText("weather", turn => turn.CallTool("get_weather", new JsonObject { ["location"] = "Rome" }))
            .OnToolResponse("get_weather", turn => turn.Say("done"));
        await using (PageClient page = await host.ConnectPageAsync())
        {
            await page.WaitForTypeAsync("ready");
            await page.SendTextAsync("""{"type":"text","text":"weather please"}""");
            await page.WaitForTypeAsync("turnComplete");
            Assert.DoesNotContain(page.All, m => m.Text.Contains(Key, StringComparison.Ordinal));
        }

        // A relay whose client holds a wrong key: the page learns that the session could not be opened, not why.
        await using RelayHost wrongKey = await RelayHost.StartAsync(
            configure: o => o.Client = new Client(new ClientOptions { ApiKey = "wrong-" + Key, BaseUrl = host.Emulator.BaseUrl, AllowInsecureTransport = true }),
            emulatorOptions: new LiveEmulatorOptions { ApiKey = Key });
        await using PageClient rejected = await wrongKey.ConnectPageAsync();
        PageMessage error = await rejected.WaitForTypeAsync("error");
        Assert.Equal("connect_failed", error.Get("code"));
        Assert.Equal(WebSocketCloseStatus.InternalServerError, await rejected.WaitForCloseAsync());
        Assert.DoesNotContain(rejected.All, m => m.Text.Contains(Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cross_origin_pages_are_refused_unless_allowed_and_same_origin_pages_are_accepted()
    {
        await using RelayHost host = await RelayHost.StartAsync();
        string self = host.BaseUrl.GetLeftPart(UriPartial.Authority);

        await using (PageClient same = await host.ConnectPageAsync(origin: self))
        {
            await same.WaitForTypeAsync("ready");
        }

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => host.ConnectPageAsync(origin: "https://attacker.example"));
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);

        await using RelayHost allowing = await RelayHost.StartAsync(o => o.AllowedOrigins.Add("https://app.example"));
        await using PageClient allowed = await allowing.ConnectPageAsync(origin: "https://app.example");
        await allowed.WaitForTypeAsync("ready");
        await Assert.ThrowsAsync<WebSocketException>(() => allowing.ConnectPageAsync(origin: "https://attacker.example"));
    }

    [Fact]
    public async Task MapLiveRelay_returns_a_convention_builder_that_routing_conventions_apply_to()
    {
        // RequireHost limits the endpoint to another host name: a request to 127.0.0.1 no longer finds it.
        await using RelayHost host = await RelayHost.StartAsync(conventions: e => e.RequireHost("agent.example"));
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => host.ConnectPageAsync());
        Assert.Contains("404", refused.Message, StringComparison.Ordinal);

        using var http = new HttpClient();
        HttpResponseMessage plain = await http.GetAsync(new Uri(host.BaseUrl, "/live"));
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
    }

    [Fact]
    public async Task A_plain_HTTP_request_to_the_relay_is_a_400_and_incomplete_options_fail_at_startup()
    {
        await using RelayHost host = await RelayHost.StartAsync();
        using var http = new HttpClient();
        HttpResponseMessage response = await http.GetAsync(new Uri(host.BaseUrl, "/live"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        WebApplication app = WebApplication.CreateSlimBuilder().Build();
        var noModel = Assert.Throws<InvalidOperationException>(() => app.MapLiveRelay("/live", o => o.Client = new Client("k")));
        Assert.Contains("Model", noModel.Message, StringComparison.Ordinal);
        var noClient = Assert.Throws<InvalidOperationException>(() => app.MapLiveRelay("/live", o => o.Model = "m"));
        Assert.Contains("Client", noClient.Message, StringComparison.Ordinal);
    }
}
