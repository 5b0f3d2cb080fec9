using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Live.AspNetCore;
using Live.Audio;
using Live.Audio.Tests;
using Live.Testing;
using Live.Twilio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Live.Telephony.Tests;

/// <summary>
/// The Twilio bridge end to end: a scripted client plays Twilio's side against a Kestrel host on 127.0.0.1 (ephemeral
/// port) that maps <c>MapTwilioMediaStream</c>, bridged to the embedded Live emulator.
/// </summary>
public class TwilioBridgeTests
{
    private const string Model = "gemini-live-2.5-flash-native-audio";

    [Fact]
    public async Task A_phone_call_streams_audio_both_ways_runs_a_tool_marks_turns_and_clears_on_barge_in()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        long heardBytes = 0;
        var counted = new HashSet<long>();
        emulator.Script(s => s
            .SkipUntil(f => (heardBytes += counted.Add(f.Sequence) ? f.Audio.Length : 0) >= 16000 * 2 * 9 / 10, "0.9 s of caller audio")
            .SendInputTranscription("What is the weather in Paris?")
            .SendToolCall("call-1", "get_weather", new JsonObject { ["city"] = "Paris" })
            .SkipUntil(FrameMatcher.ToolResponse("call-1"))
            .Send(ServerMessage.AudioTurn(Pcm16.ToBytes(Signals.Sine(1000, 24000, 24000, amplitude: 8000)), chunks: 5, transcript: "It is sunny and 21 degrees in Paris."))
            .Delay(TimeSpan.FromMilliseconds(200))
            // A second answer, which the caller talks over: the service reports interrupted.
            .Send(ServerMessage.Audio(Pcm16.ToBytes(Signals.Sine(600, 24000, 12000, amplitude: 8000))))
            .Send(ServerMessage.Interrupted())
            .Send(ServerMessage.TurnComplete())
            .Delay(TimeSpan.FromMilliseconds(300))
            .Close(1000));

        var tools = new PhoneTools();
        var played = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var messages = new ConcurrentQueue<LiveServerMessage>();
        await using WebApplication app = await StartHostAsync(app => app.MapTwilioMediaStream(
            "/twilio",
            options =>
            {
                options.Model = Model;
                options.Tools = tools;
                options.OnMarkPlayed = (call, name, _) => { played.TrySetResult($"{call.CallSid}/{name}"); return default; };
                options.OnMessage = (_, message, _) => { messages.Enqueue(message); return default; };
            },
            emulator.CreateClient()));

        await using var twilio = new TwilioSide();
        await twilio.ConnectAsync(WebSocketUri(app, "/twilio"));
        await twilio.SendConnectedAsync();
        await twilio.SendStartAsync();
        await twilio.SendAudioAsync(Signals.Sine(440, 8000, 8000, amplitude: 8000));

        await twilio.WaitForAsync(m => (string?)m["event"] == "clear", "a clear after the interruption");
        Assert.Equal($"{TwilioSide.CallSid}/turn-1", await played.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await twilio.WaitClosedAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, twilio.CloseStatus);

        // Twilio → Live: the caller's 440 Hz tone arrived as 16 kHz PCM, whole and at its pitch.
        EmulatorFrame[] audioFrames = emulator.ReceivedFrames.Where(f => f.Audio.Length > 0).ToArray();
        Assert.All(audioFrames, f => Assert.Contains("audio/pcm;rate=16000", f.Payload, StringComparison.Ordinal));
        short[] heard = Pcm16.ToSamples(audioFrames.SelectMany(f => f.Audio).ToArray());
        Assert.InRange(heard.Length, 16000 - 64, 16000);
        (double inAmplitude, double inResidual) = Signals.Fit(heard, 440, 16000, 200, heard.Length - 200);
        Assert.InRange(Signals.Db(inAmplitude / 8000), -0.5, 0.5);
        Assert.True(Signals.Db(inAmplitude / Math.Sqrt(2) / inResidual) > 25, "inbound SNR");

        // The tool ran on the server and its result went back to the model.
        Assert.Equal(1, tools.Calls);
        EmulatorFrame response = emulator.ReceivedFrames.Single(f => f.FunctionResponses.Count > 0);
        Assert.Contains("sunny and 21 degrees in Paris", response.FunctionResponses[0].Output.GetRawText(), StringComparison.Ordinal);

        // Live → Twilio: the answer as μ-law 8 kHz at its pitch, then the turn's mark, then (barge-in) a clear.
        IReadOnlyList<JsonObject> sent = twilio.Received;
        Assert.All(sent, m => Assert.Equal(TwilioSide.StreamSid, (string?)m["streamSid"]));
        int mark = IndexOf(sent, m => (string?)m["event"] == "mark");
        int clear = IndexOf(sent, m => (string?)m["event"] == "clear");
        Assert.Equal("turn-1", (string?)sent[mark]["mark"]!["name"]);
        Assert.True(mark < clear);
        Assert.Single(sent, m => (string?)m["event"] == "mark");

        short[] answer = TwilioSide.Decode(sent.Take(mark).Where(m => (string?)m["event"] == "media"));
        Assert.InRange(answer.Length, 8000 - 2, 8000);
        (double outAmplitude, double outResidual) = Signals.Fit(answer, 1000, 8000, 100, answer.Length - 100);
        Assert.InRange(Signals.Db(outAmplitude / 8000), -0.5, 0.5);
        Assert.True(Signals.Db(outAmplitude / Math.Sqrt(2) / outResidual) > 25, "outbound SNR");

        // Transcripts reached the application.
        Assert.Contains(messages, m => m.ServerContent?.InputTranscription?.Text == "What is the weather in Paris?");
        Assert.Empty(emulator.Failures);
    }

    [Fact]
    public async Task When_the_caller_hangs_up_the_Live_session_is_closed_and_the_summary_says_so()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        var summaries = new TaskCompletionSource<TwilioCallSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bridge = new TwilioMediaStreamBridge(emulator.CreateClient(), new TwilioMediaStreamOptions { Model = Model });
        await using WebApplication app = await StartHostAsync(app => app.Map("/call", async context =>
        {
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            summaries.TrySetResult(await bridge.RunAsync(socket));
        }));

        await using var twilio = new TwilioSide();
        await twilio.ConnectAsync(WebSocketUri(app, "/call"));
        await twilio.SendConnectedAsync();
        await twilio.SendStartAsync();
        await twilio.SendAudioAsync(Signals.Sine(300, 8000, 4000));
        await twilio.SendStopAsync();

        TwilioCallSummary summary = await summaries.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(summary.StoppedByTwilio);
        Assert.Equal(TwilioSide.CallSid, summary.CallSid);
        Assert.Equal(25, summary.MediaMessagesReceived);
        Assert.Equal(0.5, summary.InboundSeconds, 3);
        Assert.Equal(0, summary.SkippedMessages);

        // The bridge closed the Live session normally (1000) and hung up the stream.
        await emulator.WaitForFrameAsync(FrameMatcher.Close);
        Assert.Equal(1000, emulator.ReceivedFrames.Single(f => f.IsClose).CloseStatus);
        await twilio.WaitClosedAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, twilio.CloseStatus);
    }

    [Fact]
    public async Task With_a_resumption_store_a_reconnected_call_resumes_its_conversation()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.OnUserText("hello", turn => turn.Say("Hi, how can I help?"));
        var store = new InMemoryLiveResumptionStore();
        var stored = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new TwilioMediaStreamOptions
        {
            Model = Model,
            ResumptionStore = store,
            // The agent greets first: a text turn, answered by the emulator, which then sends a resumable handle.
            OnCallStarted = (_, session, token) => session.SendClientContentAsync("hello", turnComplete: true, token),
            OnMessage = async (call, message, token) =>
            {
                if (message.SessionResumptionUpdate is not null)
                {
                    stored.TrySetResult(await store.GetHandleAsync(call.CallSid, token));
                }
            },
        };
        var bridge = new TwilioMediaStreamBridge(emulator.CreateClient(), options);
        await using WebApplication app = await StartHostAsync(app => app.Map("/call", async context =>
        {
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            await bridge.RunAsync(socket);
        }));

        // First stream of the call: the handle is stored under the callSid while the call runs.
        string? handle;
        await using (var first = new TwilioSide())
        {
            await first.ConnectAsync(WebSocketUri(app, "/call"));
            await first.SendConnectedAsync();
            await first.SendStartAsync();
            handle = await stored.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.NotNull(handle);
            Assert.True(emulator.Connections[0].ResumptionEnabled);
        }

        // The stream broke without stop (as when an instance dies): the entry stays, and a new stream for the same
        // call resumes from it.
        Assert.Equal(handle, await store.GetHandleAsync(TwilioSide.CallSid));
        await using (var second = new TwilioSide())
        {
            await second.ConnectAsync(WebSocketUri(app, "/call"));
            await second.SendConnectedAsync();
            await second.SendStartAsync();
            EmulatorConnection resumed = await WaitForConnectionAsync(emulator, 2);
            Assert.Equal(handle, resumed.ResumptionHandle);

            // Twilio ends the call: the entry is removed.
            await second.SendStopAsync();
            await second.WaitClosedAsync(TimeSpan.FromSeconds(10));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (store.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task Bad_messages_are_skipped_and_counted_and_the_call_goes_on()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        var summaries = new TaskCompletionSource<TwilioCallSummary>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bridge = new TwilioMediaStreamBridge(emulator.CreateClient(), new TwilioMediaStreamOptions { Model = Model });
        await using WebApplication app = await StartHostAsync(app => app.Map("/call", async context =>
        {
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            summaries.TrySetResult(await bridge.RunAsync(socket));
        }));

        await using var twilio = new TwilioSide();
        await twilio.ConnectAsync(WebSocketUri(app, "/call"));
        await twilio.SendConnectedAsync();
        await twilio.SendRawAsync("""{"event":"media","media":{"payload":"AAAA"}}""");   // before start
        await twilio.SendStartAsync();
        await twilio.SendRawAsync("this is not JSON {");
        await twilio.SendRawAsync("""{"event":"media","streamSid":"MZ","media":{"track":"inbound","payload":"%%% not base64"}}""");
        await twilio.SendRawAsync("""{"event":"something-new","streamSid":"MZ"}""");
        await twilio.SendRawAsync("""[1,2,3]""");
        await twilio.SendAudioAsync(Signals.Sine(300, 8000, 1600));
        await twilio.SendStopAsync();

        TwilioCallSummary summary = await summaries.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(5, summary.SkippedMessages);
        Assert.Equal(10, summary.MediaMessagesReceived);
        Assert.True(summary.StoppedByTwilio);
        Assert.Contains(emulator.ReceivedFrames, f => f.Audio.Length > 0);
    }

    [Fact]
    public async Task Another_audio_format_ends_the_call_with_a_typed_error()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        var errors = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bridge = new TwilioMediaStreamBridge(emulator.CreateClient(), new TwilioMediaStreamOptions { Model = Model });
        await using WebApplication app = await StartHostAsync(app => app.Map("/call", async context =>
        {
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            try
            {
                await bridge.RunAsync(socket);
                errors.TrySetResult(new InvalidOperationException("no error"));
            }
            catch (Exception ex)
            {
                errors.TrySetResult(ex);
            }
        }));

        await using var twilio = new TwilioSide();
        await twilio.ConnectAsync(WebSocketUri(app, "/call"));
        await twilio.SendConnectedAsync();
        await twilio.SendStartAsync(encoding: "audio/l16", sampleRate: 16000);

        TwilioStreamException error = Assert.IsType<TwilioStreamException>(await errors.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("audio/l16", error.Message, StringComparison.Ordinal);
        await twilio.WaitClosedAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, twilio.CloseStatus);
        Assert.Empty(emulator.Connections);
    }

    [Fact]
    public async Task A_plain_HTTP_request_to_the_endpoint_gets_400()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        await using WebApplication app = await StartHostAsync(app => app.MapTwilioMediaStream("/twilio", o => o.Model = Model, emulator.CreateClient()));
        using var http = new HttpClient();
        HttpResponseMessage response = await http.GetAsync(new Uri(app.Urls.First() + "/twilio"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void The_default_configuration_asks_for_audio_and_declares_the_tools()
    {
        LiveConnectConfig config = TwilioMediaStreamBridge.DefaultConfig(new PhoneTools());
        Assert.Equal([Modality.Audio], config.ResponseModalities);
        Assert.Equal("get_weather", Assert.Single(Assert.Single(config.Tools!).FunctionDeclarations!).Name);
        Assert.NotNull(config.InputAudioTranscription);
        Assert.Throws<ArgumentException>(() => new TwilioMediaStreamBridge(new Client("k"), new TwilioMediaStreamOptions()));
    }

    private static async Task<EmulatorConnection> WaitForConnectionAsync(LiveEmulator emulator, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (emulator.Connections.Count < count || emulator.Connections[count - 1].SetupFrame is null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {emulator.Connections.Count} connection(s)");
            await Task.Delay(20);
        }

        return emulator.Connections[count - 1];
    }

    private static int IndexOf(IReadOnlyList<JsonObject> messages, Func<JsonObject, bool> predicate)
    {
        for (int i = 0; i < messages.Count; i++)
        {
            if (predicate(messages[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static Uri WebSocketUri(WebApplication app, string path) => new(app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + path);

    private static async Task<WebApplication> StartHostAsync(Action<WebApplication> map)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        app.UseWebSockets();
        map(app);
        await app.StartAsync();
        return app;
    }
}
