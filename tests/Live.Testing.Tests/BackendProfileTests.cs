using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Tools;

namespace Live.Testing.Tests;

/// <summary>The tools of the scheduling and backend tests.</summary>
public partial class ParcelTools
{
    /// <summary>Completed when <see cref="TrackParcel"/> started.</summary>
    public TaskCompletionSource TrackingStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Released by the test to let <see cref="TrackParcel"/> answer.</summary>
    public TaskCompletionSource ReleaseTracking { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Tracks a parcel; its answer interrupts the model.</summary>
    /// <param name="parcel">The parcel's number.</param>
    /// <param name="cancellationToken">Cancelled when the call is.</param>
    /// <returns>Where the parcel is.</returns>
    [LiveTool(Behavior = Behavior.NonBlocking, Scheduling = FunctionResponseScheduling.Interrupt)]
    public async Task<string> TrackParcel(string parcel, CancellationToken cancellationToken)
    {
        TrackingStarted.TrySetResult();
        await ReleaseTracking.Task.WaitAsync(cancellationToken);
        return parcel + " is in Oslo";
    }
}

/// <summary>
/// The emulator's Gemini 3.8 scheduling and its Vertex AI backend modes (fields refused or stripped), and the client's
/// per-backend handling against them.
/// </summary>
public sealed class BackendProfileTests
{
    private const string Gemini38 = "gemini-3.8-live";
    private const string Gemini25OnVertex = "gemini-live-2.5-flash";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private static Client VertexClient(LiveEmulator emulator, bool checkModelCapabilities = true) => new(new ClientOptions
    {
        VertexAI = true,
        ApiKey = emulator.ApiKey,
        BaseUrl = emulator.BaseUrl,
        CheckModelCapabilities = checkModelCapabilities,
        SetupTimeout = TimeSpan.FromSeconds(5),
    });

    private static IReadOnlyList<ReceivedFunctionResponse> Responses(LiveEmulator emulator) =>
        emulator.ReceivedFrames.Where(f => f.Kind == ClientMessageKind.ToolResponse).SelectMany(f => f.FunctionResponses).ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task On_3_8_an_INTERRUPT_response_waits_until_the_user_has_finished_speaking(bool waitsForEndOfSpeech)
    {
        LiveEmulatorProfile profile = waitsForEndOfSpeech
            ? LiveEmulatorProfile.Gemini38Live
            : LiveEmulatorProfile.Gemini38Live with { Name = "3.8 taking INTERRUPT at once", InterruptWaitsForEndOfSpeech = false };
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { Profile = profile });
        emulator.OnUserText("track", turn => turn.CallTool("track_parcel", new JsonObject { ["parcel"] = "P-9" }))
            .OnToolResponse("track_parcel", turn => turn.Say("Your parcel: " + turn.Output.GetString()))
            .OnAudio(turn => turn.Say("I heard you."));
        var tools = new ParcelTools();
        await using AsyncSession session = await emulator.CreateClient().Live.ConnectAsync(Gemini38, new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [tools.ToTool()] });
        var texts = new ConcurrentQueue<string>();
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource(s_timeout);
        Task run = session.RunWithToolsAsync(tools, (message, _) =>
        {
            if (message.Text is { Length: > 0 } text)
            {
                texts.Enqueue(text);
                if (text.Contains("I heard you", StringComparison.Ordinal))
                {
                    heard.TrySetResult();
                }
            }

            return ValueTask.CompletedTask;
        }, cancellationToken: cts.Token);

        await session.SendClientContentAsync("track P-9", turnComplete: true);
        await tools.TrackingStarted.Task.WaitAsync(s_timeout);

        // The user starts speaking; while they speak, the tool answers with scheduling INTERRUPT.
        await session.SendAudioAsync(new byte[3200]);
        await emulator.WaitForFrameAsync(FrameMatcher.Audio);
        tools.ReleaseTracking.TrySetResult();
        EmulatorFrame response = await emulator.WaitForFrameAsync(FrameMatcher.ToolResponseFor("track_parcel"));
        Assert.Equal("INTERRUPT", response.ToolResponseFor("track_parcel").Scheduling);
        await Task.Delay(300);
        bool answeredWhileSpeaking = emulator.SentFrames.Any(f => f.Payload.Contains("Your parcel", StringComparison.Ordinal));

        await session.SendAudioStreamEndAsync();
        EmulatorFrame end = await emulator.WaitForFrameAsync(FrameMatcher.AudioStreamEnd);
        await heard.Task.WaitAsync(s_timeout);

        EmulatorFrame answer = emulator.SentFrames.First(f => f.Payload.Contains("Your parcel: P-9 is in Oslo", StringComparison.Ordinal));
        if (waitsForEndOfSpeech)
        {
            Assert.False(answeredWhileSpeaking, "the INTERRUPT response was taken up while the user was speaking");
            Assert.True(answer.Sequence > end.Sequence);
        }
        else
        {
            Assert.True(answeredWhileSpeaking, "without the 3.8 rule the INTERRUPT response is taken up at once");
            Assert.True(answer.Sequence < end.Sequence);
        }

        // Either way the held or immediate answer comes before the answer to what the user said.
        string[] said = texts.ToArray();
        Assert.True(Array.FindIndex(said, t => t.Contains("Your parcel", StringComparison.Ordinal)) < Array.FindIndex(said, t => t.Contains("I heard you", StringComparison.Ordinal)));
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task On_Vertex_the_client_leaves_out_the_behavior_field_the_backend_refuses_and_the_call_is_answered()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { Profile = LiveEmulatorProfile.VertexGemini25 });
        emulator.OnUserText("define", turn => turn.CallTool("look_up", new JsonObject { ["word"] = "tarn" }))
            .OnToolResponse("look_up", turn => turn.Say("Looked up."));
        var tools = new DictionaryTools();
        await using AsyncSession session = await VertexClient(emulator).Live.ConnectAsync(Gemini25OnVertex, new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [tools.ToTool()] });
        using var cts = new CancellationTokenSource(s_timeout);
        Task run = session.RunWithToolsAsync(tools, cancellationToken: cts.Token);
        await session.SendClientContentAsync("define tarn", turnComplete: true);

        EmulatorFrame frame = await emulator.WaitForFrameAsync(FrameMatcher.ToolResponseFor("look_up"));
        EmulatorConnection connection = emulator.Connections[0];
        Assert.True(connection.IsVertexAI);
        Assert.Equal("publishers/google/models/" + Gemini25OnVertex, connection.Model);
        Assert.Equal(LiveModelProfiles.Gemini25FlashVertex, session.Profile);

        // The generator declares the tool BLOCKING; on this backend that is the default, so the field is left out.
        JsonElement declaration = connection.Setup.GetProperty("tools")[0].GetProperty("functionDeclarations")[0];
        Assert.False(declaration.TryGetProperty("behavior", out _));
        Assert.Equal("tarn means something", frame.ToolResponseFor("look_up").Output.GetString());
        Assert.Null(frame.ToolResponseFor("look_up").Scheduling);
        Assert.True(connection.IsOpen);
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task Without_the_profile_check_the_refusing_Vertex_backend_closes_the_same_setup_with_1007_naming_behavior()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { Profile = LiveEmulatorProfile.VertexGemini25 });
        var tools = new DictionaryTools();

        await Assert.ThrowsAnyAsync<LiveException>(() => VertexClient(emulator, checkModelCapabilities: false).Live.ConnectAsync(
            Gemini25OnVertex, new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [tools.ToTool()] }));

        EmulatorConnection connection = emulator.Connections[0];
        await connection.Completion.WaitAsync(s_timeout);
        Assert.Equal("BLOCKING", connection.Setup.GetProperty("tools")[0].GetProperty("functionDeclarations")[0].GetProperty("behavior").GetString());
        Assert.Equal(1007, connection.ServerCloseStatus);
        Assert.Contains("behavior", connection.ServerCloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stripping_Vertex_backend_drops_behavior_scheduling_and_willContinue_and_lists_them()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { Profile = LiveEmulatorProfile.VertexGemini25Stripping });
        emulator.OnUserText("go", turn => turn.CallTool("f"));
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(
            emulator, """{"model":"models/m","generationConfig":{"responseModalities":["TEXT"]},"tools":[{"functionDeclarations":[{"name":"f","behavior":"NON_BLOCKING"}]}]}""");

        await client.SendAsync("""{"clientContent":{"turns":[{"role":"user","parts":[{"text":"go"}]}],"turnComplete":true}}""");
        List<RawLiveClient.Received> untilCall = await client.ReceiveUntilAsync(r => r.Text.Contains("toolCall", StringComparison.Ordinal));

        // The declared NON_BLOCKING was dropped, so the call runs BLOCKING: the model waits (no turnComplete before the answer).
        Assert.DoesNotContain(untilCall, r => r.Text.Contains("turnComplete", StringComparison.Ordinal));

        // An interim response whose willContinue is dropped reads as the final one: the model answers it.
        await client.SendAsync("""{"toolResponse":{"functionResponses":[{"id":"call-1","name":"f","response":{"output":"half way"},"willContinue":true,"scheduling":"SILENT"}]}}""");
        List<RawLiveClient.Received> answer = await client.ReceiveUntilAsync(r => r.Text.Contains("turnComplete", StringComparison.Ordinal));

        Assert.Contains(answer, r => r.Text.Contains("half way", StringComparison.Ordinal));
        EmulatorConnection connection = emulator.Connections[0];
        Assert.True(connection.IsOpen);
        Assert.Equal(
            ["setup: behavior of f", "toolResponse: scheduling of call-1", "toolResponse: willContinue of call-1"],
            connection.StrippedFields);
    }

    [Fact]
    public async Task Against_the_stripping_Vertex_backend_the_client_sends_nothing_to_strip_and_the_call_is_answered()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { Profile = LiveEmulatorProfile.VertexGemini25Stripping });
        emulator.OnUserText("define", turn => turn.CallTool("look_up", new JsonObject { ["word"] = "kame" }))
            .OnToolResponse("look_up", turn => turn.Say("Looked up."));
        var tools = new DictionaryTools();
        await using AsyncSession session = await VertexClient(emulator).Live.ConnectAsync(Gemini25OnVertex, new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [tools.ToTool()] });
        using var cts = new CancellationTokenSource(s_timeout);
        Task run = session.RunWithToolsAsync(tools, cancellationToken: cts.Token);
        await session.SendClientContentAsync("define kame", turnComplete: true);

        EmulatorFrame frame = await emulator.WaitForFrameAsync(FrameMatcher.ToolResponseFor("look_up"));

        Assert.Equal("kame means something", frame.ToolResponseFor("look_up").Output.GetString());
        Assert.Empty(emulator.Connections[0].StrippedFields);
        Assert.DoesNotContain(emulator.SentFrames.TakeWhile(f => f.Sequence < frame.Sequence), f => f.Payload.Contains("turnComplete", StringComparison.Ordinal));
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task On_Vertex_3_8_a_streaming_tool_sends_only_its_final_result_without_willContinue()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { Profile = LiveEmulatorProfile.VertexGemini38 });
        emulator.OnUserText("flights", turn => turn.CallTool("search_flights", new JsonObject { ["destination"] = "Riga" }));
        var tools = new AgentTools();
        await using AsyncSession session = await VertexClient(emulator).Live.ConnectAsync(Gemini38, new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [tools.ToTool()] });
        using var cts = new CancellationTokenSource(s_timeout);
        Task run = session.RunWithToolsAsync(tools, cancellationToken: cts.Token);
        await session.SendClientContentAsync("flights to Riga", turnComplete: true);

        await emulator.WaitForFrameAsync(FrameMatcher.ToolResponseFor("search_flights"));
        await Task.Delay(300);

        Assert.Equal(LiveModelProfiles.Gemini38LiveVertex, session.Profile);
        ReceivedFunctionResponse response = Assert.Single(Responses(emulator));
        Assert.Equal("best offer to Riga", response.Output.GetString());
        Assert.False(response.Element.TryGetProperty("willContinue", out _));
        Assert.True(emulator.Connections[0].IsOpen);
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
