// The README's main job: a [LiveTool] method answered by RunWithToolsAsync.
//
//   dotnet run --project samples/WeatherTools
//
// With GEMINI_API_KEY (or GOOGLE_API_KEY) set it talks to the Gemini Live API; otherwise to the embedded Live emulator
// (Live.Testing), whose rule-based model calls get_weather with the city from the user's words and answers with what
// the tool returned: the same round trip over a real WebSocket, with no network.
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live;
using Live.Testing;
using WeatherSample;

const string Model = "gemini-live-2.5-flash-preview";
const string Question = "What is the weather in Tokyo?";

// The official clients read GOOGLE_API_KEY first, then GEMINI_API_KEY; so does new Client(). The key is never printed.
string? keyVariable = new[] { "GOOGLE_API_KEY", "GEMINI_API_KEY" }
    .FirstOrDefault(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));
Console.WriteLine(keyVariable is null
    ? "Live.Tools WeatherTools sample — offline: embedded Live emulator (set GEMINI_API_KEY to use the real service)"
    : $"Live.Tools WeatherTools sample — online: Gemini Live API, model {Model} (API key from {keyVariable})");

var clock = Stopwatch.StartNew();
try
{
    await using LiveEmulator? emulator = keyVariable is null ? await LiveEmulator.StartAsync() : null;
    Client client;
    if (emulator is null)
    {
        client = new Client();
    }
    else
    {
        // The emulator's "model": a question about the weather in some city → a get_weather call for that city;
        // the tool's response → an answer built from the tool's output.
        emulator
            .OnUserText(@"weather in (?<city>[\p{L} .'-]+?)[\s?.!]*$", turn =>
                turn.CallTool("get_weather", new JsonObject { ["location"] = turn["city"] }))
            .OnToolResponse("get_weather", turn => turn.Say(DescribeWeather(turn), chunks: 3));
        client = emulator.CreateClient();
    }

    var tools = new WeatherTools();
    var config = new LiveConnectConfig
    {
        ResponseModalities = [Modality.Text],
        SystemInstruction = new Content { Parts = [new Part { Text = "Answer weather questions with the get_weather tool, in one sentence." }] },
        Tools = [WeatherTools.LiveTools],
    };

    using var timeout = new CancellationTokenSource(emulator is null ? TimeSpan.FromSeconds(120) : TimeSpan.FromSeconds(20));
    await using AsyncSession session = await client.Live.ConnectAsync(Model, config, timeout.Token);

    Console.WriteLine($"user   › {Question}");
    await session.SendClientContentAsync(Question, turnComplete: true, timeout.Token);

    var answer = new StringBuilder();
    await session.RunWithToolsAsync(
        new ConsoleTracedTools(tools),
        (message, cancellationToken) =>
        {
            if (message.Text is { Length: > 0 } text)
            {
                Console.Write(answer.Length == 0 ? "model  › " + text : text);
                answer.Append(text);
            }

            if (message.ServerContent?.TurnComplete == true && answer.Length > 0)
            {
                Console.WriteLine();
            }

            return ValueTask.CompletedTask;
        },
        // The conversation ends with the model's answer: the loop returns after that turnComplete (the session stays open
        // until it is disposed).
        new LiveToolOptions { StopWhen = message => message.ServerContent?.TurnComplete == true && answer.Length > 0 },
        cancellationToken: timeout.Token);

    Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.00} s: get_weather was called {tools.Calls} time(s).");
    if (tools.Calls == 0 || answer.Length == 0)
    {
        Console.Error.WriteLine(emulator is null
            ? "The model answered without calling get_weather."
            : "The emulator's round trip did not happen (no tool call or no answer).");
        return emulator is null ? 0 : 1;
    }

    return 0;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine($"Timed out after {clock.Elapsed.TotalSeconds:0} s.");
    return 1;
}
catch (LiveException ex)
{
    Console.Error.WriteLine($"The session failed: {ex.Message}");
    return 1;
}

// What the emulator's model says once the tool answered: built from the tool's output, so the reply proves the round trip.
static string DescribeWeather(EmulatorTurn turn)
{
    if (turn.ToolResponse!.IsError)
    {
        return $"Sorry, I could not get the weather: {turn.ToolResponse.Error}";
    }

    JsonElement report = turn.Output;
    string unit = report.GetProperty("unit").GetString() == "fahrenheit" ? "°F" : "°C";
    return $"In {report.GetProperty("location")} it is {report.GetProperty("temperature")} {unit} with {report.GetProperty("conditions")} right now.";
}
