// docs/testing.md's script example: an emulator before it, and the agent under test (a session with resumption that
// asks for the weather, answers the tool call and reads until the resumed turn's answer).
using System.Text.Json.Nodes;
using Live;
using Live.Testing;
using Live.Tools;
using Xunit;

await using LiveEmulator emulator = await LiveEmulator.StartAsync();

// <snippet/>

static async Task RunAgentAsync(Client client)
{
    await using AsyncSession session = await client.Live.ConnectAsync(
        "gemini-live-2.5-flash-preview",
        new LiveConnectConfig
        {
            ResponseModalities = [Modality.Text],
            SessionResumption = new SessionResumptionConfig(),
            Tools = [AgentTools.LiveTools],
        });
    await session.SendClientContentAsync("What is the weather in Tokyo?", turnComplete: true);
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
    await session.RunWithToolsAsync(
        new AgentTools(),
        options: new LiveToolOptions { StopWhen = message => message.Text?.Contains("tomorrow it rains", StringComparison.Ordinal) == true },
        cancellationToken: timeout.Token);
}

public partial class AgentTools
{
    /// <summary>Gets the weather.</summary>
    /// <param name="city">The city.</param>
    [LiveTool]
    public static string GetWeather(string city) => "sunny";
}
