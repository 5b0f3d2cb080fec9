using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Tools;

namespace Live.Testing.Tests;

/// <summary>The tools of the model-profile tests, as a user writes them.</summary>
public partial class AgentTools
{
    private readonly TaskCompletionSource _bookingGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _lookups;
    private int _sends;

    /// <summary>Calls of <see cref="LookUp"/> that ran.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Calls of <see cref="SendMoney"/> that ran.</summary>
    public int Sends => Volatile.Read(ref _sends);

    /// <summary>Completes when <see cref="BookFlight"/> saw its token cancelled.</summary>
    public TaskCompletionSource BookingCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when <see cref="BookFlight"/> started.</summary>
    public TaskCompletionSource BookingStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Looks a word up.</summary>
    /// <param name="word">The word.</param>
    /// <returns>Its meaning.</returns>
    [LiveTool]
    public string LookUp(string word)
    {
        Interlocked.Increment(ref _lookups);
        return word + " means something";
    }

    /// <summary>Books a flight (waits until cancelled).</summary>
    /// <param name="destination">Where to.</param>
    /// <param name="cancellationToken">Cancelled when the model cancels the call.</param>
    /// <returns>The booking.</returns>
    [LiveTool(Behavior = Behavior.Blocking)]
    public async Task<string> BookFlight(string destination, CancellationToken cancellationToken)
    {
        BookingStarted.TrySetResult();
        try
        {
            await _bookingGate.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            BookingCancelled.TrySetResult();
            throw;
        }

        return "booked " + destination;
    }

    /// <summary>Searches flights, reporting each offer as it is found.</summary>
    /// <param name="destination">Where to.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The offers, the best last.</returns>
    [LiveTool(Behavior = Behavior.NonBlocking)]
    public async IAsyncEnumerable<string> SearchFlights(string destination, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (string airline in new[] { "first", "second", "best" })
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return airline + " offer to " + destination;
        }
    }

    /// <summary>Sends money.</summary>
    /// <param name="payee">Who gets it.</param>
    /// <returns>A receipt.</returns>
    [LiveTool(RequiresApproval = true)]
    public string SendMoney(string payee)
    {
        Interlocked.Increment(ref _sends);
        return "sent to " + payee;
    }

    /// <summary>Draws a chart of a series.</summary>
    /// <param name="series">The series' name.</param>
    /// <param name="context">The call's context.</param>
    /// <returns>A caption.</returns>
    [LiveTool]
    public string DrawChart(string series, LiveToolContext context)
    {
        context.AddPart(FunctionResponsePart.FromBytes(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png"));
        return "chart of " + series;
    }

    /// <summary>Converts a temperature.</summary>
    /// <param name="value">The value.</param>
    /// <param name="unit">The target unit.</param>
    /// <returns>The converted value.</returns>
    [LiveTool]
    public double Convert(double value, TemperatureScale unit) => unit == TemperatureScale.Fahrenheit ? value * 9 / 5 + 32 : value;
}

/// <summary>A tool set of plain (unannotated) tools only, which every model accepts.</summary>
public partial class DictionaryTools
{
    private int _lookups;

    /// <summary>Calls that ran.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Looks a word up.</summary>
    /// <param name="word">The word.</param>
    /// <returns>Its meaning.</returns>
    [LiveTool]
    public string LookUp(string word)
    {
        Interlocked.Increment(ref _lookups);
        return word + " means something";
    }
}

/// <summary>A temperature scale.</summary>
public enum TemperatureScale
{
    /// <summary>Celsius.</summary>
    Celsius,

    /// <summary>Fahrenheit.</summary>
    Fahrenheit,
}

/// <summary>The tool loop and the model profiles against the emulator behaving as each model.</summary>
public sealed class ModelProfileTests
{
    private const string Gemini38 = "gemini-3.8-live";
    private const string Gemini31 = "gemini-3.1-flash-live-preview";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private static async Task<LiveEmulator> StartAsync(LiveEmulatorProfile? profile) =>
        await LiveEmulator.StartAsync(new LiveEmulatorOptions { Profile = profile });

    private static Task<AsyncSession> ConnectAsync(LiveEmulator emulator, string model, AgentTools tools, Action<LiveConnectConfig>? configure = null)
    {
        var config = new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [tools.ToTool()] };
        configure?.Invoke(config);
        return emulator.CreateClient().Live.ConnectAsync(model, config);
    }

    private static JsonElement Declaration(EmulatorConnection connection, string name) =>
        connection.Setup.GetProperty("tools")[0].GetProperty("functionDeclarations").EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);

    private static IReadOnlyList<ReceivedFunctionResponse> Responses(LiveEmulator emulator) =>
        emulator.ReceivedFrames.Where(f => f.Kind == ClientMessageKind.ToolResponse).SelectMany(f => f.FunctionResponses).ToArray();

    [Fact]
    public async Task An_unannotated_tool_is_declared_BLOCKING_on_3_8_and_without_behavior_on_3_1_and_answered_on_both()
    {
        foreach ((string model, LiveEmulatorProfile profile, string? expected) in new[]
        {
            (Gemini38, LiveEmulatorProfile.Gemini38Live, (string?)"BLOCKING"),
            (Gemini31, LiveEmulatorProfile.Gemini31FlashLive, null),
        })
        {
            await using LiveEmulator emulator = await StartAsync(profile);
            emulator.OnUserText("define", turn => turn.CallTool("look_up", new JsonObject { ["word"] = "tarn" }))
                .OnToolResponse("look_up", turn => turn.Say("Looked up."));
            var tools = new DictionaryTools();
            await using AsyncSession session = await emulator.CreateClient().Live.ConnectAsync(model, new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [tools.ToTool()] });
            using var cts = new CancellationTokenSource(s_timeout);
            Task run = session.RunWithToolsAsync(tools, cancellationToken: cts.Token);
            await session.SendClientContentAsync("define tarn", turnComplete: true);

            EmulatorFrame frame = await emulator.WaitForFrameAsync(FrameMatcher.ToolResponseFor("look_up"));
            JsonElement declaration = Declaration(emulator.Connections[0], "look_up");
            Assert.Equal(expected, declaration.TryGetProperty("behavior", out JsonElement b) ? b.GetString() : null);
            Assert.Equal("tarn means something", frame.ToolResponseFor("look_up").Output.GetString());

            // A blocking call: the model waited, so no turn ended between the call and the response.
            Assert.DoesNotContain(emulator.SentFrames.TakeWhile(f => f.Sequence < frame.Sequence), f => f.Payload.Contains("turnComplete", StringComparison.Ordinal));
            Assert.Equal(1, tools.Lookups);
            await cts.CancelAsync();
            await run.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task A_streaming_tool_sends_interim_responses_then_the_final_with_one_id_on_3_8()
    {
        await using LiveEmulator emulator = await StartAsync(LiveEmulatorProfile.Gemini38Live);
        emulator.OnUserText("flights", turn => turn.CallTool("search_flights", new JsonObject { ["destination"] = "Oslo" }));
        var tools = new AgentTools();
        await using AsyncSession session = await ConnectAsync(emulator, Gemini38, tools);
        using var cts = new CancellationTokenSource(s_timeout);
        Task run = session.RunWithToolsAsync(tools, cancellationToken: cts.Token);
        await session.SendClientContentAsync("flights to Oslo", turnComplete: true);

        await emulator.WaitForFrameAsync(f => f.Kind == ClientMessageKind.ToolResponse && f.FunctionResponses.Any(r => r.Element.TryGetProperty("willContinue", out JsonElement w) && !w.GetBoolean()));
        IReadOnlyList<ReceivedFunctionResponse> responses = Responses(emulator);

        Assert.Equal(3, responses.Count);
        Assert.Single(responses.Select(r => r.Id).Distinct());
        Assert.Equal(["first offer to Oslo", "second offer to Oslo", "best offer to Oslo"], responses.Select(r => r.Output.GetString()));
        Assert.Equal([true, true, false], responses.Select(r => r.Element.GetProperty("willContinue").GetBoolean()));
        Assert.Equal(LiveModelProfiles.Gemini38Live, session.Profile);
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task Where_the_profile_does_not_take_willContinue_only_the_final_result_is_sent()
    {
        LiveModelProfiles.Register(LiveModelProfiles.Gemini38Live with { DisplayName = "No-interim test model", ModelIds = ["test-no-interim-model"], WillContinue = LiveFeatureSupport.NotSupported });
        await using LiveEmulator emulator = await StartAsync(LiveEmulatorProfile.Gemini38Live with { AcceptsWillContinue = false });
        emulator.OnUserText("flights", turn => turn.CallTool("search_flights", new JsonObject { ["destination"] = "Rome" }));
        var tools = new AgentTools();
        await using AsyncSession session = await ConnectAsync(emulator, "test-no-interim-model", tools);
        using var cts = new CancellationTokenSource(s_timeout);
        Task run = session.RunWithToolsAsync(tools, cancellationToken: cts.Token);
        await session.SendClientContentAsync("flights to Rome", turnComplete: true);

        EmulatorFrame frame = await emulator.WaitForFrameAsync(FrameMatcher.ToolResponseFor("search_flights"));
        await Task.Delay(300);

        ReceivedFunctionResponse response = Assert.Single(Responses(emulator));
        Assert.Equal("best offer to Rome", response.Output.GetString());
        Assert.False(response.Element.TryGetProperty("willContinue", out _));
        Assert.True(emulator.Connections[0].IsOpen);
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task A_BLOCKING_call_cancelled_by_new_input_on_3_8_is_never_answered()
    {
        await using LiveEmulator emulator = await StartAsync(LiveEmulatorProfile.Gemini38Live);
        emulator.OnUserText("book", turn => turn.CallTool("book_flight", new JsonObject { ["destination"] = "Lima" }))
            .Otherwise(turn => turn.Say("Sure."));
        var tools = new AgentTools();
        var logs = new CapturingLoggerFactory();
        await using AsyncSession session = await emulator.CreateClient(o => o.LoggerFactory = logs).Live.ConnectAsync(Gemini38, new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [tools.ToTool()] });
        using var cts = new CancellationTokenSource(s_timeout);
        Task run = session.RunWithToolsAsync(tools, cancellationToken: cts.Token);
        await session.SendClientContentAsync("book a flight to Lima", turnComplete: true);
        await emulator.WaitForFrameAsync(f => f.Direction == FrameDirection.ServerToClient && f.Payload.Contains("toolCall", StringComparison.Ordinal));

        await tools.BookingStarted.Task.WaitAsync(s_timeout);
        await session.SendClientContentAsync("actually, what time is it?", turnComplete: true);
        await tools.BookingCancelled.Task.WaitAsync(s_timeout);
        await emulator.WaitForFrameAsync(f => f.Direction == FrameDirection.ServerToClient && f.Payload.Contains("Sure.", StringComparison.Ordinal));
        await Task.Delay(300);

        Assert.Contains(emulator.SentFrames, f => f.Payload.Contains("toolCallCancellation", StringComparison.Ordinal));
        Assert.Empty(Responses(emulator));
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_approval_gated_tool_runs_only_when_approved_and_a_refusal_is_a_not_approved_error(bool approve)
    {
        await using LiveEmulator emulator = await StartAsync(LiveEmulatorProfile.Gemini38Live);
        emulator.OnUserText("pay", turn => turn.CallTool("send_money", new JsonObject { ["payee"] = "Ada" }));
        var tools = new AgentTools();
        var asked = new List<string>();
        var options = new LiveToolOptions
        {
            ApproveAsync = (request, _) =>
            {
                asked.Add(request.Call.Name + " " + request.Call.Args!.Value.GetProperty("payee").GetString());
                return new ValueTask<LiveToolApproval>(approve ? LiveToolApproval.Approve() : LiveToolApproval.Refuse("the user said no"));
            },
        };
        await using AsyncSession session = await ConnectAsync(emulator, Gemini38, tools);
        using var cts = new CancellationTokenSource(s_timeout);
        Task run = session.RunWithToolsAsync(tools, options: options, cancellationToken: cts.Token);
        await session.SendClientContentAsync("pay Ada", turnComplete: true);

        ReceivedFunctionResponse response = (await emulator.WaitForFrameAsync(FrameMatcher.ToolResponseFor("send_money"))).ToolResponseFor("send_money");

        Assert.Equal(["send_money Ada"], asked);
        if (approve)
        {
            Assert.Equal("sent to Ada", response.Output.GetString());
            Assert.Equal(1, tools.Sends);
        }
        else
        {
            Assert.Equal(0, tools.Sends);
            Assert.Equal("not_approved", response.Response.GetProperty("status").GetString());
            Assert.False(response.Response.GetProperty("retryable").GetBoolean());
            Assert.Contains("the user said no", response.Error.GetString(), StringComparison.Ordinal);
        }

        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task A_call_cancelled_while_it_waits_for_approval_never_runs_and_is_never_answered()
    {
        await using LiveEmulator emulator = await StartAsync(LiveEmulatorProfile.Gemini38Live);
        var waitStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waitCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The cancellation goes out once the approval callback is waiting, not after a fixed delay: with a delay, a busy
        // machine could deliver it before the call reached the callback, so the callback (and its Register) never ran.
        emulator.Script(s => s
            .ExpectClientContent("pay")
            .SendToolCall("pay-1", "send_money", new JsonObject { ["payee"] = "Bob" })
            .Do(_ => waitStarted.Task.WaitAsync(s_timeout), "wait until the approval callback runs")
            .SendToolCallCancellation("pay-1"));
        var tools = new AgentTools();
        var outcome = new TaskCompletionSource<ToolCallOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new LiveToolOptions
        {
            ApproveAsync = async (_, token) =>
            {
                using CancellationTokenRegistration registration = token.Register(() => waitCancelled.TrySetResult());
                waitStarted.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
                return LiveToolApproval.Approve();
            },
            OnToolCallCompleted = o => outcome.TrySetResult(o),
        };
        await using AsyncSession session = await ConnectAsync(emulator, Gemini38, tools);
        using var cts = new CancellationTokenSource(s_timeout);
        Task run = session.RunWithToolsAsync(tools, options: options, cancellationToken: cts.Token);
        await session.SendClientContentAsync("pay Bob", turnComplete: true);

        await waitCancelled.Task.WaitAsync(s_timeout);
        Assert.Equal(ToolCallStatus.Cancelled, (await outcome.Task.WaitAsync(s_timeout)).Status);
        await Task.Delay(300);

        Assert.Equal(0, tools.Sends);
        Assert.Empty(Responses(emulator));
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task A_call_delivered_in_modelTurn_parts_and_as_toolCall_runs_once_and_is_answered_once()
    {
        await using LiveEmulator emulator = await StartAsync(LiveEmulatorProfile.Gemini38Live);
        var part = new JsonObject { ["functionCall"] = new JsonObject { ["id"] = "dup-1", ["name"] = "look_up", ["args"] = new JsonObject { ["word"] = "fjord" } } };
        emulator.Script(s => s
            .ExpectClientContent("define")
            .Send(ServerMessage.FromJson(new JsonObject { ["serverContent"] = new JsonObject { ["modelTurn"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(part) } } }))
            .SendToolCall("dup-1", "look_up", new JsonObject { ["word"] = "fjord" })
            .SendToolCall("dup-1", "look_up", new JsonObject { ["word"] = "fjord" })
            .ExpectToolResponse("dup-1"));
        var tools = new AgentTools();
        await using AsyncSession session = await ConnectAsync(emulator, Gemini38, tools);
        using var cts = new CancellationTokenSource(s_timeout);
        Task run = session.RunWithToolsAsync(tools, cancellationToken: cts.Token);
        await session.SendClientContentAsync("define fjord", turnComplete: true);

        await emulator.VerifyAsync(s_timeout);
        await Task.Delay(300);

        Assert.Equal(1, tools.Lookups);
        ReceivedFunctionResponse response = Assert.Single(Responses(emulator));
        Assert.Equal("dup-1", response.Id);
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task A_tool_that_attaches_an_image_sends_it_in_FunctionResponse_parts()
    {
        await using LiveEmulator emulator = await StartAsync(LiveEmulatorProfile.Gemini38Live);
        emulator.OnUserText("chart", turn => turn.CallTool("draw_chart", new JsonObject { ["series"] = "sales" }));
        var tools = new AgentTools();
        await using AsyncSession session = await ConnectAsync(emulator, Gemini38, tools);
        using var cts = new CancellationTokenSource(s_timeout);
        Task run = session.RunWithToolsAsync(tools, cancellationToken: cts.Token);
        await session.SendClientContentAsync("chart the sales", turnComplete: true);

        ReceivedFunctionResponse response = (await emulator.WaitForFrameAsync(FrameMatcher.ToolResponseFor("draw_chart"))).ToolResponseFor("draw_chart");

        Assert.Equal("chart of sales", response.Output.GetString());
        JsonElement blob = Assert.Single(response.Parts).GetProperty("inlineData");
        Assert.Equal("image/png", blob.GetProperty("mimeType").GetString());
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, System.Convert.FromBase64String(blob.GetProperty("data").GetString()!));
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task A_bad_enum_value_is_answered_with_an_informative_error_listing_the_valid_options()
    {
        await using LiveEmulator emulator = await StartAsync(LiveEmulatorProfile.Gemini38Live);
        emulator.OnUserText("convert", turn => turn.CallTool("convert", new JsonObject { ["value"] = 20, ["unit"] = "kelvin" }));
        var tools = new AgentTools();
        await using AsyncSession session = await ConnectAsync(emulator, Gemini38, tools);
        using var cts = new CancellationTokenSource(s_timeout);
        Task run = session.RunWithToolsAsync(tools, cancellationToken: cts.Token);
        await session.SendClientContentAsync("convert 20 degrees", turnComplete: true);

        JsonElement response = (await emulator.WaitForFrameAsync(FrameMatcher.ToolResponseFor("convert"))).ToolResponseFor("convert").Response;

        Assert.Equal("invalid_argument", response.GetProperty("status").GetString());
        Assert.Equal("not_one_of", response.GetProperty("reason_code").GetString());
        Assert.Equal(["celsius", "fahrenheit"], response.GetProperty("valid_options").EnumerateArray().Select(e => e.GetString()));
        Assert.True(response.GetProperty("retryable").GetBoolean());
        Assert.Contains("unit: expected one of", response.GetProperty("error").GetString(), StringComparison.Ordinal);
        await cts.CancelAsync();
        await run.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Theory]
    [InlineData(Gemini31, "proactivity.proactiveAudio")]
    [InlineData(Gemini38, "generationConfig.thinkingConfig")]
    public async Task A_setup_the_model_cannot_accept_fails_before_connecting_naming_field_and_model(string model, string field)
    {
        await using LiveEmulator emulator = await StartAsync(null);
        var tools = new AgentTools();

        LiveSetupNotSupportedException error = await Assert.ThrowsAsync<LiveSetupNotSupportedException>(() => ConnectAsync(emulator, model, tools, config =>
        {
            config.Proactivity = new ProactivityConfig { ProactiveAudio = true };
            config.ThinkingConfig = new ThinkingConfig { ThinkingLevel = ThinkingLevel.Low };
        }));

        Assert.Equal(field, error.Field);
        Assert.Equal(model, error.Model);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Contains(model, error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Connections);
    }

    [Fact]
    public async Task A_NON_BLOCKING_tool_on_3_1_fails_before_connecting_and_an_unknown_model_passes_unchecked()
    {
        await using LiveEmulator emulator = await StartAsync(null);
        var tools = new AgentTools();

        LiveSetupNotSupportedException error = await Assert.ThrowsAsync<LiveSetupNotSupportedException>(() => ConnectAsync(emulator, Gemini31, tools));
        Assert.Matches(@"tools\[0\]\.functionDeclarations\[\d\]\.behavior", error.Field);
        Assert.Contains("search_flights", error.Message, StringComparison.Ordinal);

        await using AsyncSession session = await ConnectAsync(emulator, "some-future-live-model", tools, c => c.Proactivity = new ProactivityConfig { ProactiveAudio = true });
        Assert.Null(session.Profile);
    }

    [Fact]
    public async Task The_3_1_emulator_leaves_a_setup_with_proactive_audio_unanswered()
    {
        await using LiveEmulator emulator = await StartAsync(LiveEmulatorProfile.Gemini31FlashLive);
        Client client = emulator.CreateClient(o => { o.CheckModelCapabilities = false; o.SetupTimeout = TimeSpan.FromMilliseconds(800); });

        await Assert.ThrowsAsync<TimeoutException>(() => client.Live.ConnectAsync(Gemini31, new LiveConnectConfig { Proactivity = new ProactivityConfig { ProactiveAudio = true } }));
        Assert.DoesNotContain(emulator.SentFrames, f => f.Payload.Contains("setupComplete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_Vertex_emulator_closes_a_tool_response_with_scheduling_with_1007()
    {
        await using LiveEmulator emulator = await StartAsync(LiveEmulatorProfile.VertexGemini25);
        await using RawLiveClient client = await RawLiveClient.OpenSessionAsync(emulator, """{"model":"models/m"}""");

        await client.SendAsync("""{"toolResponse":{"functionResponses":[{"id":"1","name":"f","response":{},"scheduling":"SILENT"}]}}""");
        await emulator.Connections[0].Completion.WaitAsync(s_timeout);

        Assert.Equal(1007, emulator.Connections[0].ServerCloseStatus);
        Assert.Contains("scheduling", emulator.Connections[0].ServerCloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_3_8_a_text_turn_ends_with_interactionStatus_IDLE_typed_on_LiveServerContent()
    {
        await using LiveEmulator emulator = await StartAsync(LiveEmulatorProfile.Gemini38Live);
        emulator.Otherwise(turn => turn.Say("Hello."));
        var tools = new AgentTools();
        await using AsyncSession session = await ConnectAsync(emulator, Gemini38, tools);
        await session.SendClientContentAsync("hi", turnComplete: true);

        using var cts = new CancellationTokenSource(s_timeout);
        LiveServerContent? last = null;
        await foreach (LiveServerMessage message in session.ReceiveAsync(cts.Token))
        {
            if (message.ServerContent?.TurnComplete == true)
            {
                last = message.ServerContent;
                break;
            }
        }

        Assert.Equal(InteractionStatus.Idle, last!.InteractionStatus);
        Assert.True(last.IsInteractionIdle);
    }
}
