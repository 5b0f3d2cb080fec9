// A generic host whose [LiveTool] types come from dependency injection, built by their generated factories (no
// reflection): OrderTools once per session (sharing the session's scoped Basket), CheckoutTools once per call (its
// scope, and the [FromServices] ReceiptPrinter its tool takes from it, disposed when the call ends). The second conversation runs through Microsoft.Extensions.AI's IRealtimeClient, with the same tools as AIFunctions.
//
//   dotnet run --project samples/HostedTools
//
// With GEMINI_API_KEY (or GOOGLE_API_KEY) set it talks to the Gemini Live API; otherwise to the embedded Live emulator.
using System.Text;
using System.Text.Json.Nodes;
using HostedSample;
using Live;
using Live.DependencyInjection;
using Live.Extensions.AI;
using Live.Testing;
using Live.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

const string Model = "gemini-live-2.5-flash-preview";

string? keyVariable = new[] { "GOOGLE_API_KEY", "GEMINI_API_KEY" }
    .FirstOrDefault(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));
Console.WriteLine(keyVariable is null
    ? "Live.Tools HostedTools sample — offline: embedded Live emulator (set GEMINI_API_KEY to use the real service)"
    : $"Live.Tools HostedTools sample — online: Gemini Live API, model {Model} (API key from {keyVariable})");

await using LiveEmulator? emulator = keyVariable is null ? await LiveEmulator.StartAsync() : null;
emulator?
    .OnUserText(@"add (?<n>\d+) (?<item>\w+)", turn => turn.CallTool("add_item", new JsonObject { ["item"] = turn["item"], ["quantity"] = int.Parse(turn["n"], System.Globalization.CultureInfo.InvariantCulture) }))
    .OnToolResponse("add_item", turn => turn.Say(turn.ToolResponse!.IsError ? "Sorry: " + turn.ToolResponse.Error : "Added. Now in " + turn.Output.GetString() + "."))
    .OnUserText(@"price of (?<n>\d+) (?<item>\w+)", turn => turn.CallTool("quote", new JsonObject { ["item"] = turn["item"], ["quantity"] = int.Parse(turn["n"], System.Globalization.CultureInfo.InvariantCulture) }))
    .OnToolResponse("quote", turn => turn.Say($"That is {turn.Output} euros."));

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<PriceList>();
builder.Services.AddScoped<Basket>();
builder.Services.AddScoped<ReceiptPrinter>();
builder.Services
    .AddLiveClient(builder.Configuration.GetSection("Live"), options =>
    {
        if (emulator is not null)
        {
            options.ApiKey = emulator.ApiKey;
            options.BaseUrl = emulator.BaseUrl;
        }
    })
    .AddLiveTools<OrderTools>(LiveToolLifetime.PerSession)
    .AddLiveTools<CheckoutTools>(LiveToolLifetime.PerCall);

using IHost host = builder.Build();
await host.StartAsync();
Client client = host.Services.GetRequiredService<Client>();
LiveToolProvider toolProvider = host.Services.GetRequiredService<LiveToolProvider>();
using var timeout = new CancellationTokenSource(emulator is null ? TimeSpan.FromSeconds(120) : TimeSpan.FromSeconds(20));

// 1. A Live session with the container's tools, answered by RunWithToolsAsync's tool loop.
await using (LiveSessionToolSet tools = await toolProvider.CreateSessionToolSetAsync(timeout.Token))
{
    var config = new LiveConnectConfig
    {
        ResponseModalities = [Modality.Text],
        SystemInstruction = new Content { Parts = [Part.FromText("You take café orders with the add_item and quote tools. Answer in one sentence.")] },
        Tools = [tools.ToTool()],
    };
    await using AsyncSession session = await client.Live.ConnectAsync(Model, config, timeout.Token);
    foreach (string question in new[] { "add 2 latte", "price of 3 muffin" })
    {
        Console.WriteLine("user   › " + question);
        await session.SendClientContentAsync(question, turnComplete: true, timeout.Token);
        var answer = new StringBuilder();
        await foreach (LiveServerMessage message in session.ReceiveWithToolsAsync(tools, cancellationToken: timeout.Token))
        {
            answer.Append(message.Text);
            if (message.ServerContent?.TurnComplete == true && answer.Length > 0)
            {
                break;
            }
        }

        Console.WriteLine("model  › " + answer);
    }
}

// 2. The same tools through Microsoft.Extensions.AI's realtime abstraction (experimental there: MEAI001).
#pragma warning disable MEAI001
await using (LiveSessionToolSet tools = await toolProvider.CreateSessionToolSetAsync(timeout.Token))
{
    IRealtimeClient realtime = client.AsIRealtimeClient(new LiveRealtimeClientOptions { DefaultModel = Model });
    await using IRealtimeClientSession session = await realtime.CreateSessionAsync(
        new RealtimeSessionOptions { OutputModalities = ["text"], Tools = [.. tools.AsAIFunctions()] },
        timeout.Token);
    const string Question = "add 1 tea";
    Console.WriteLine("user   › " + Question + "   (through IRealtimeClient)");
    await session.SendAsync(new CreateConversationItemRealtimeClientMessage(new RealtimeConversationItem([new TextContent(Question)], role: ChatRole.User)), timeout.Token);
    await session.SendAsync(new CreateResponseRealtimeClientMessage(), timeout.Token);
    await foreach (RealtimeServerMessage message in session.GetStreamingResponseAsync(timeout.Token))
    {
        if (message is OutputTextAudioRealtimeServerMessage { Text: { } text } done && done.Type == RealtimeServerMessageType.OutputTextDone)
        {
            Console.WriteLine("model  › " + text);
            break;
        }
    }
}
#pragma warning restore MEAI001

await host.StopAsync();
Console.WriteLine("Done.");
return 0;
