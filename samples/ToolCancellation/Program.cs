// RunWithToolsAsync and toolCallCancellation: the model asks for two tools in one turn, a slow flight search and a
// fast clock, then cancels the search. The search sees its token cancelled and no response is sent for it; the clock
// is answered, and the model's answer uses it.
//
//   dotnet run --project samples/ToolCancellation
//
// With GEMINI_API_KEY (or GOOGLE_API_KEY) set it talks to the Gemini Live API, which cancels tool calls when the user
// interrupts them (so with this text-only question you will likely see both tools answered); otherwise to the
// embedded Live emulator, whose "model" cancels the search half a second after calling it.
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Live;
using Live.Testing;
using ToolCancellation;

const string Model = "gemini-live-2.5-flash-preview";
const string Question = "Find me flights from Paris to Tokyo, and tell me the local time in Tokyo.";

// The official clients read GOOGLE_API_KEY first, then GEMINI_API_KEY; so does new Client(). The key is never printed.
string? keyVariable = new[] { "GOOGLE_API_KEY", "GEMINI_API_KEY" }
    .FirstOrDefault(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));
Console.WriteLine(keyVariable is null
    ? "Live.Tools ToolCancellation sample — offline: embedded Live emulator (set GEMINI_API_KEY to use the real service)"
    : $"Live.Tools ToolCancellation sample — online: Gemini Live API, model {Model} (API key from {keyVariable})");

var clock = Stopwatch.StartNew();
try
{
    await using LiveEmulator? emulator = keyVariable is null ? await LiveEmulator.StartAsync() : null;
    Client client;
    string? searchCallId = null;
    if (emulator is null)
    {
        client = new Client();
    }
    else
    {
        // The emulator's "model": both tools in one toolCall, then, 500 ms later, a toolCallCancellation for the
        // search only; once the clock's response arrives, an answer built from it.
        emulator
            .OnUserText(@"flights from (?<from>[\p{L} ]+?) to (?<to>[\p{L} ]+?)[,.?!]", turn =>
            {
                turn.CallTool("find_flights", new JsonObject { ["from"] = turn["from"], ["to"] = turn["to"] });
                searchCallId = turn.LastCallId!;
                turn.CallTool("get_local_time", new JsonObject { ["city"] = turn["to"] })
                    .Pause(TimeSpan.FromMilliseconds(500))
                    .Send(ServerMessage.ToolCallCancellation(searchCallId));
            })
            .OnToolResponse("get_local_time", turn => turn.Say(
                $"I stopped the flight search as it was taking too long, but it is {turn.Output} in {turn.Call!.Args!.Value.GetProperty("city")} right now."));
        client = emulator.CreateClient();
    }

    var tools = new TravelTools();
    var config = new LiveConnectConfig
    {
        ResponseModalities = [Modality.Text],
        Tools = [TravelTools.LiveTools],
    };

    using var timeout = new CancellationTokenSource(emulator is null ? TimeSpan.FromSeconds(120) : TimeSpan.FromSeconds(20));
    await using AsyncSession session = await client.Live.ConnectAsync(Model, config, timeout.Token);

    Console.WriteLine($"user   › {Question}");
    await session.SendClientContentAsync(Question, turnComplete: true, timeout.Token);

    // By default the loop sends one toolResponse per toolCall, once every call of it has finished or been cancelled:
    // here it holds the clock's answer until the search is cancelled, then sends it alone.
    var answer = new StringBuilder();
    await session.RunWithToolsAsync(
        tools,
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

    Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.00} s: the search was {(tools.SearchCancelled ? "cancelled" : tools.SearchCompleted ? "completed" : "never run")}.");
    if (emulator is null)
    {
        return answer.Length > 0 ? 0 : 1;
    }

    // Offline, the emulator recorded every frame the client sent: show what the loop answered.
    string[] answered = emulator.ReceivedFrames
        .SelectMany(frame => frame.FunctionResponses)
        .Select(response => $"{response.Name} ({response.Id})")
        .ToArray();
    bool searchAnswered = emulator.ReceivedFrames.Any(frame => frame.FunctionResponses.Any(response => response.Id == searchCallId));
    Console.WriteLine($"The emulator received responses for: {string.Join(", ", answered)}; for the cancelled {searchCallId}: {(searchAnswered ? "a response (wrong!)" : "none")}.");
    return tools.SearchCancelled && !searchAnswered && answered.Length == 1 && answer.Length > 0 ? 0 : 1;
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
