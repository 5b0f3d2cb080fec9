using System.Text;
using System.Text.Json;

namespace Live.ToolLoopTests;

/// <summary><see cref="LiveToolOptions.StopWhen"/>: a conversation turn ends the loop without closing the session.</summary>
public sealed class StopWhenTests
{
    [Fact]
    public async Task RunWithToolsAsync_returns_after_the_turn_complete_message_and_the_session_stays_usable()
    {
        await using var server = await LoopbackServer.StartAsync();
        Client client = server.CreateClient();
        Task<AsyncSession> connecting = client.Live.ConnectAsync("m", new LiveConnectConfig { Tools = [ForecastTools.LiveTools] });
        ServerConnection connection = await server.AcceptAsync();
        await using AsyncSession session = await connecting;

        var seen = new StringBuilder();
        var options = new LiveToolOptions { StopWhen = message => message.ServerContent?.TurnComplete == true };
        Task run = session.RunWithToolsAsync(
            new ForecastTools(),
            (message, _) =>
            {
                seen.Append(message.Text).Append(message.ServerContent?.TurnComplete == true ? "|end" : string.Empty);
                return ValueTask.CompletedTask;
            },
            options);

        await connection.SendToolCallAsync(("c1", "get_forecast", """{"city":"Oslo","days":2}"""));
        JsonElement[] responses = await connection.ReceiveToolResponseAsync();
        Assert.Equal("Oslo", responses[0].GetProperty("response").GetProperty("output").GetProperty("city").GetString());
        await connection.SendTextAsync("Mild in ");
        await connection.SendTextAsync("Oslo.", turnComplete: true);

        // The loop returns by itself (no close, no token); the turn-complete message was handed over first.
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Mild in Oslo.|end", seen.ToString());

        // The session is still open: the next turn can be received.
        await connection.SendTextAsync("Next.", turnComplete: true);
        await foreach (LiveServerMessage message in session.ReceiveAsync().WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
        {
            Assert.Equal("Next.", message.Text);
            break;
        }
    }

    [Fact]
    public async Task ReceiveWithToolsAsync_ends_after_yielding_the_matching_message()
    {
        await using var server = await LoopbackServer.StartAsync();
        Client client = server.CreateClient();
        Task<AsyncSession> connecting = client.Live.ConnectAsync("m", new LiveConnectConfig { Tools = [ForecastTools.LiveTools] });
        ServerConnection connection = await server.AcceptAsync();
        await using AsyncSession session = await connecting;

        await connection.SendTextAsync("Hi.", turnComplete: true);
        var texts = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (LiveServerMessage message in session.ReceiveWithToolsAsync(
            new ForecastTools(),
            new LiveToolOptions { StopWhen = m => m.ServerContent?.TurnComplete == true },
            timeout.Token))
        {
            if (message.Text is { } text)
            {
                texts.Add(text);
            }
        }

        Assert.Equal(["Hi."], texts);
        Assert.False(timeout.IsCancellationRequested);
    }
}
