// The basic Live session of the API reference (client.aio.live.connect → send_client_content → receive), in C#:
//
//   dotnet run --project samples/QuickStart
//
// With GEMINI_API_KEY (or GOOGLE_API_KEY) set it talks to the Gemini Live API; otherwise to the embedded Live emulator.
using System.Diagnostics;
using Live;
using Live.Testing;

const string Model = "gemini-live-2.5-flash-preview";

// The official clients read GOOGLE_API_KEY first, then GEMINI_API_KEY; so does new Client(). The key is never printed.
string? keyVariable = new[] { "GOOGLE_API_KEY", "GEMINI_API_KEY" }
    .FirstOrDefault(name => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)));
Console.WriteLine(keyVariable is null
    ? "Live.Tools QuickStart sample — offline: embedded Live emulator (set GEMINI_API_KEY to use the real service)"
    : $"Live.Tools QuickStart sample — online: Gemini Live API, model {Model} (API key from {keyVariable})");

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
        // The emulator's "model" greets back, quoting what it was sent, in a few streamed chunks.
        emulator.OnUserText("hello", turn => turn.Say(
            $"Hello! I am the Live emulator standing in for Gemini, and I am doing well. You said: \"{turn.UserText}\"",
            chunks: 4));
        client = emulator.CreateClient();
    }

    using var timeout = new CancellationTokenSource(emulator is null ? TimeSpan.FromSeconds(120) : TimeSpan.FromSeconds(20));
    var config = new LiveConnectConfig { ResponseModalities = [Modality.Text] };
    await using AsyncSession session = await client.Live.ConnectAsync(Model, config, timeout.Token);

    // Send a message.
    await session.SendClientContentAsync(
        [new Content { Role = "user", Parts = [new Part { Text = "Hello, how are you?" }] }],
        turnComplete: true,
        timeout.Token);

    // Receive the answer, streamed, until the model's turn is complete.
    int chunks = 0;
    await foreach (LiveServerMessage message in session.ReceiveAsync(timeout.Token))
    {
        if (message.ServerContent?.ModelTurn?.Parts is { } parts)
        {
            foreach (Part part in parts)
            {
                if (part.Text is { } text)
                {
                    Console.Write(text);
                    chunks++;
                }
            }
        }

        if (message.ServerContent?.TurnComplete == true)
        {
            Console.WriteLine();
            break;
        }
    }

    Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.00} s ({chunks} text chunk(s)).");
    return chunks > 0 ? 0 : 1;
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
