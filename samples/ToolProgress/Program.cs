// A long tool with progress on a Gemini 3.8 Live style session: the model starts a NON_BLOCKING hotel search and keeps
// talking; the tool reports after each hotel (interim responses, willContinue: true, all with the call's id) and then
// sends its result (willContinue: false). The model takes the result up when it is idle (scheduling WHEN_IDLE).
//
//   dotnet run --project samples/ToolProgress
//
// With GEMINI_API_KEY (or GOOGLE_API_KEY) set it talks to the Gemini Live API, model gemini-3.8-live; otherwise to the
// embedded Live emulator behaving as that model (LiveEmulatorProfile.Gemini38Live: NON_BLOCKING calls end the model's
// turn with interactionStatus IN_PROGRESS, interim responses are taken, the final one is answered).
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Live;
using Live.Testing;
using ToolProgress;

const string Model = "gemini-3.8-live";
const string Question = "Find me a hotel room in Lisbon for tonight.";

// The official clients read GOOGLE_API_KEY first, then GEMINI_API_KEY; so does new Client(). The key is never printed.
string? keyVariable = new[] { "GOOGLE_API_KEY", "GEMINI_API_KEY" }
    .FirstOrDefault(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));
Console.WriteLine(keyVariable is null
    ? "Live.Tools ToolProgress sample — offline: embedded Live emulator (set GEMINI_API_KEY to use the real service)"
    : $"Live.Tools ToolProgress sample — online: Gemini Live API, model {Model} (API key from {keyVariable})");

var clock = Stopwatch.StartNew();
try
{
    await using LiveEmulator? emulator = keyVariable is null
        ? await LiveEmulator.StartAsync(new LiveEmulatorOptions { Profile = LiveEmulatorProfile.Gemini38Live })
        : null;
    Client client;
    if (emulator is null)
    {
        client = new Client();
    }
    else
    {
        // The emulator's "model": it says it is on it and calls the search; a NON_BLOCKING call, so its turn ends at once
        // (interactionStatus IN_PROGRESS). Interim responses are taken silently; the final one gets an answer built from it.
        emulator
            .OnUserText(@"room in (?<city>[\p{L} ]+?)[,.?! ]", turn => turn
                .Say($"I am asking the hotels in {turn["city"]}; I will tell you as soon as I have something.")
                .CallTool("find_room", new JsonObject { ["city"] = turn["city"] }))
            .OnToolResponse("find_room", turn => turn.Say(
                $"The cheapest room tonight is at {turn.Output.GetProperty("hotel")}, {turn.Output.GetProperty("price")} euros."));
        client = emulator.CreateClient();
    }

    var tools = new HotelTools();
    var config = new LiveConnectConfig
    {
        ResponseModalities = [Modality.Text],
        Tools = [HotelTools.LiveTools],
    };

    using var timeout = new CancellationTokenSource(emulator is null ? TimeSpan.FromSeconds(120) : TimeSpan.FromSeconds(20));
    await using AsyncSession session = await client.Live.ConnectAsync(Model, config, timeout.Token);
    Console.WriteLine($"model profile: {session.Profile?.ToString() ?? "none (unchecked)"}");

    Console.WriteLine($"user   › {Question}");
    await session.SendClientContentAsync(Question, turnComplete: true, timeout.Token);

    // Two model turns: the one that starts the search, and the one with the result. Each model text is printed whole
    // when its turn completes.
    var turn = new StringBuilder();
    int answers = 0;
    await session.RunWithToolsAsync(
        tools,
        (message, cancellationToken) =>
        {
            if (message.Text is { Length: > 0 } text)
            {
                turn.Append(text);
            }

            if (message.ServerContent?.TurnComplete == true && turn.Length > 0)
            {
                string status = message.ServerContent.InteractionStatus is { } s ? $"   [interactionStatus {s}]" : "";
                Console.WriteLine($"model  › {turn}{status}");
                turn.Clear();
                answers++;
            }

            return ValueTask.CompletedTask;
        },
        // The conversation ends with the answer that follows the search (the session stays open until it is disposed).
        new LiveToolOptions { StopWhen = message => message.ServerContent?.TurnComplete == true && answers >= 2 },
        cancellationToken: timeout.Token);

    Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.00} s: {tools.ReportsSent} progress report(s) sent, {tools.ReportsDropped} dropped.");
    if (emulator is null)
    {
        return answers >= 2 ? 0 : 1;
    }

    // Offline, the emulator recorded every frame the client sent: the responses of the call, in order.
    var responses = emulator.ReceivedFrames.SelectMany(frame => frame.FunctionResponses).ToArray();
    foreach (ReceivedFunctionResponse response in responses)
    {
        string willContinue = response.Element.TryGetProperty("willContinue", out var w) ? w.GetRawText() : "absent";
        Console.WriteLine($"wire   › {response.Name} ({response.Id}) willContinue: {willContinue}, scheduling: {response.Scheduling ?? "absent"}");
    }

    bool oneId = responses.Select(r => r.Id).Distinct().Count() == 1;
    Console.WriteLine($"The emulator received {responses.Length} response(s) for {(oneId ? "one call id" : "several call ids")}.");
    return oneId && responses.Length == tools.ReportsSent + 1 && tools.ReportsSent == 3 && answers >= 2 ? 0 : 1;
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
