using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Tools;
using static Live.Testing.ServerMessage;

namespace Live.Testing.Tests;

/// <summary>A tool set as a user writes it: the generator declares and dispatches it.</summary>
public partial class WeatherTools
{
    /// <summary>Gets the current weather in a city.</summary>
    /// <param name="city">The city, for example Tokyo.</param>
    /// <returns>The weather.</returns>
    [LiveTool]
    public Weather GetWeather(string city) => new(city, city == "Oslo" ? -3 : 18, "clear");
}

/// <summary>What <see cref="WeatherTools.GetWeather"/> returns.</summary>
/// <param name="City">The city.</param>
/// <param name="TempC">The temperature in °C.</param>
/// <param name="Sky">The sky.</param>
public sealed record Weather(string City, int TempC, string Sky);

/// <summary>The C# client (<see cref="LiveEmulator.CreateClient"/>) against the emulator.</summary>
public sealed class ClientIntegrationTests
{
    private const string Model = "gemini-live-2.5-flash-preview";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task CreateClient_connects_with_the_emulator_key_and_base_url()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s.ExpectClientContent("Hello").SendTextTurn("Hello from the emulator.", chunks: 2));

        Client client = emulator.CreateClient();
        await using AsyncSession session = await client.Live.ConnectAsync(Model, new LiveConnectConfig { ResponseModalities = [Modality.Text] });
        await session.SendClientContentAsync("Hello", turnComplete: true);
        string answer = await ReadTurnAsync(session.ReceiveAsync());

        Assert.Equal("Hello from the emulator.", answer);
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.Equal(emulator.ApiKey, connection.ApiKey);
        Assert.Equal("models/" + Model, connection.Model);
        Assert.Equal(["TEXT"], connection.ResponseModalities);
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task A_scripted_tool_round_trip_with_the_client()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.Script(s => s
            .ExpectClientContent("weather")
            .SendToolCall("call-1", "get_weather", new JsonObject { ["city"] = "Tokyo" })
            .ExpectToolResponse("call-1")
            .ReplyWith(frame => TextTurn($"It is {frame.ToolResponse("call-1").Output.GetProperty("temp_c")} °C.")));

        await using AsyncSession session = await emulator.CreateClient().Live.ConnectAsync(Model, new LiveConnectConfig { ResponseModalities = [Modality.Text] });
        await session.SendClientContentAsync("What is the weather in Tokyo?", turnComplete: true);
        var answer = new StringBuilder();
        using var cts = new CancellationTokenSource(s_timeout);
        await foreach (LiveServerMessage message in session.ReceiveAsync(cts.Token))
        {
            if (message.ToolCall?.FunctionCalls is { } calls)
            {
                FunctionCall call = Assert.Single(calls);
                await session.SendToolResponseAsync(new FunctionResponse { Id = call.Id, Name = call.Name, Response = new JsonObject { ["output"] = new JsonObject { ["temp_c"] = 21 } } });
            }

            answer.Append(message.Text);
            if (message.ServerContent?.TurnComplete == true)
            {
                break;
            }
        }

        Assert.Equal("It is 21 °C.", answer.ToString());
        await emulator.VerifyAsync();
    }

    [Fact]
    public async Task A_users_generated_tools_answer_the_emulated_model()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator
            .OnUserText(@"weather in (?<city>\w+)", turn => turn.CallTool("get_weather", new JsonObject { ["city"] = turn["city"] }))
            .OnToolResponse("get_weather", turn => turn.Say($"It is {turn.Output.GetProperty("temp_c")} °C in {turn.Output.GetProperty("city")}."));

        Client client = emulator.CreateClient();
        await using AsyncSession session = await client.Live.ConnectAsync(
            Model,
            new LiveConnectConfig { ResponseModalities = [Modality.Text], Tools = [WeatherTools.LiveTools] });
        await session.SendClientContentAsync("What's the weather in Oslo?", turnComplete: true);
        using var cts = new CancellationTokenSource(s_timeout);
        string answer = await ReadTurnAsync(session.ReceiveWithToolsAsync(new WeatherTools(), cancellationToken: cts.Token));

        Assert.Equal("It is -3 °C in Oslo.", answer);
        EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.Equal(["get_weather"], connection.FunctionNames);
        EmulatorFrame response = await emulator.WaitForFrameAsync(FrameMatcher.ToolResponseFor("get_weather"));
        Assert.Equal("Oslo", response.ToolResponseFor("get_weather").Output.GetProperty("city").GetString());
        Assert.False(response.IsBinary);
    }

    [Fact]
    public async Task The_clients_setup_passes_the_emulators_validation_with_every_option_set()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        var config = new LiveConnectConfig
        {
            ResponseModalities = [Modality.Audio],
            Temperature = 0.4,
            TopP = 0.9,
            TopK = 20,
            MaxOutputTokens = 500,
            Seed = 7,
            SystemInstruction = new Content { Parts = [new Part { Text = "Be brief." }] },
            Tools = [WeatherTools.LiveTools],
            SessionResumption = new SessionResumptionConfig { Handle = "resume-me" },
            InputAudioTranscription = new AudioTranscriptionConfig(),
            OutputAudioTranscription = new AudioTranscriptionConfig(),
            ContextWindowCompression = new ContextWindowCompressionConfig { TriggerTokens = 25600, SlidingWindow = new SlidingWindow { TargetTokens = 12800 } },
            RealtimeInputConfig = new RealtimeInputConfig { AutomaticActivityDetection = new AutomaticActivityDetection { Disabled = true } },
            Proactivity = new ProactivityConfig { ProactiveAudio = true },
        };

        await using AsyncSession session = await emulator.CreateClient().Live.ConnectAsync(Model, config);

        EmulatorConnection connection = Assert.Single(emulator.Connections);
        Assert.Equal("resume-me", connection.ResumptionHandle);
        Assert.Equal(["AUDIO"], connection.ResponseModalities);
        Assert.Equal(JsonValueKind.Object, connection.Setup.GetProperty("tools")[0].GetProperty("functionDeclarations")[0].GetProperty("parameters").ValueKind);
    }

    [Fact]
    public async Task A_wrong_key_fails_the_clients_connect()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        Client client = emulator.CreateClient(options => options.ApiKey = "wrong");

        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => client.Live.ConnectAsync(Model));

        Assert.Contains("1008", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1008, Assert.Single(emulator.Connections).ServerCloseStatus);
    }

    private static async Task<string> ReadTurnAsync(IAsyncEnumerable<LiveServerMessage> messages)
    {
        var text = new StringBuilder();
        using var cts = new CancellationTokenSource(s_timeout);
        await foreach (LiveServerMessage message in messages.WithCancellation(cts.Token))
        {
            text.Append(message.Text);
            if (message.ServerContent?.TurnComplete == true)
            {
                break;
            }
        }

        return text.ToString();
    }
}
