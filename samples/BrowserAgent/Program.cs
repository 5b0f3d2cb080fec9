// A browser voice agent: the page captures the microphone (16 kHz PCM from an AudioWorklet) and plays the model's
// 24 kHz audio; MapLiveRelay pairs it with a server-side Live session that runs AgentTools. The API key stays here.
//
//   dotnet run --project samples/BrowserAgent                 then open the URL it prints
//   dotnet run --project samples/BrowserAgent -- --urls http://127.0.0.1:0     (any free port)
//
// With GEMINI_API_KEY (or GOOGLE_API_KEY) set it talks to the Gemini Live API. Otherwise it starts the embedded Live
// emulator (Live.Testing) as the "model": when the page's audio pauses, the emulator transcribes it as "What is the
// weather in Tokyo?" (it does not recognise speech), calls get_weather, and answers with synthetic audio built from
// what the tool returned, so the whole path — microphone, relay, tool on the server, audio back — runs offline.
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BrowserAgent;
using Live;
using Live.AspNetCore;
using Live.Testing;

const string Model = "gemini-live-2.5-flash-preview";
const string HeardQuestion = "What is the weather in Tokyo?";

string? keyVariable = new[] { "GOOGLE_API_KEY", "GEMINI_API_KEY" }
    .FirstOrDefault(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));
bool offline = keyVariable is null;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});
builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    // Loopback only unless told otherwise: this page opens a microphone.
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

await using LiveEmulator? emulator = offline ? await LiveEmulator.StartAsync() : null;
Client client;
if (emulator is null)
{
    // new Client() reads GOOGLE_API_KEY, then GEMINI_API_KEY. The key stays in this process: the page never sees it.
    client = new Client();
}
else
{
    var heard = new ConcurrentDictionary<EmulatorConnection, TimeSpan>();
    emulator
        .OnAudio(turn =>
        {
            heard[turn.Connection] = turn.AudioDuration;
            turn.TranscribeInput(HeardQuestion).CallTool("get_weather", new JsonObject { ["location"] = "Tokyo" });
        })
        .OnToolResponse("get_weather", turn => turn.Say(Describe(turn, heard.GetValueOrDefault(turn.Connection))))
        .OnUserText(@"weather in (?<city>[\p{L} .'-]+?)[\s?.!]*$", turn =>
            turn.CallTool("get_weather", new JsonObject { ["location"] = turn["city"] }));
    client = emulator.CreateClient();
}

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();

// What the page needs to know about this server (never the key).
string pageConfig = $$"""{"mode":"{{(offline ? "offline" : "online")}}","relay":"/live","pauseEndsTurn":{{(offline ? "true" : "false")}}}""";
app.MapGet("/config.json", (RequestDelegate)(context =>
{
    context.Response.ContentType = "application/json";
    return context.Response.WriteAsync(pageConfig);
}));

app.MapLiveRelay("/live", options =>
{
    options.Model = Model;
    options.Client = client;
    options.ConfigureSession = _ => new LiveConnectConfig
    {
        ResponseModalities = [Modality.Audio],
        InputAudioTranscription = new AudioTranscriptionConfig(),
        OutputAudioTranscription = new AudioTranscriptionConfig(),
        SystemInstruction = new Content { Parts = [new Part { Text = "You are a friendly voice assistant. Answer weather questions with the get_weather tool, in one or two short sentences." }] },
    };
    options.Tools = _ => new AgentTools();
});

await app.StartAsync();
string url = app.Urls.First().Replace("0.0.0.0", "localhost", StringComparison.Ordinal).TrimEnd('/') + "/";
Console.WriteLine(offline
    ? "Live.Tools BrowserAgent sample — offline: embedded Live emulator (set GEMINI_API_KEY to use the real service)"
    : $"Live.Tools BrowserAgent sample — online: Gemini Live API, model {Model} (API key from {keyVariable}, kept on this server)");
Console.WriteLine($"Open {url} in Chrome, Edge or Firefox and press Start (Ctrl+C to stop).");
await app.WaitForShutdownAsync();

// The emulator's answer once the tool returned: built from the tool's output and the audio it heard, so the reply
// proves the round trip.
static string Describe(EmulatorTurn turn, TimeSpan heard)
{
    if (turn.ToolResponse!.IsError)
    {
        return $"Sorry, I could not get the weather: {turn.ToolResponse.Error}";
    }

    JsonElement report = turn.Output;
    return string.Create(CultureInfo.InvariantCulture,
        $"In {report.GetProperty("location")} it is {report.GetProperty("temperature_celsius").GetDouble():0.#} degrees with {report.GetProperty("conditions")}. I heard {heard.TotalSeconds:0.0} seconds of your audio.");
}
