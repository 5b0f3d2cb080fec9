using System.Text.Json;
using Live.Reliability.Tests.Network;
using Xunit.Abstractions;
using static Live.Reliability.Tests.Network.RawClients;

namespace Live.Reliability.Tests;

/// <summary>
/// Sends across 50 drops with resumption on: a server that drops the connection (TCP reset, no close frame) after a few
/// frames, 50 times. No send fails, none is written twice; a send that completed on a connection that then dropped may
/// be lost (the Gemini API acknowledges nothing), and the test reports how many were.
/// </summary>
public class SendsAcrossDropsTests(ITestOutputHelper output)
{
    private const int Drops = 50;

    [Fact]
    public async Task Across_50_drops_no_send_fails_or_arrives_twice_and_the_losses_are_counted()
    {
        await using var server = new RawLiveServer(async peer =>
        {
            await peer.CompleteSetupAsync("h" + peer.Index);
            if (peer.Index <= Drops)
            {
                for (int i = 0; i < 5 + (peer.Index % 10); i++)
                {
                    await peer.NextTextAsync();
                }

                peer.Abort();
            }
        });

        await using AsyncSession session = await Create(server.BaseUrl).Live.ConnectAsync(Model, Config(true));
        using var stop = new CancellationTokenSource();
        Task reader = Task.Run(async () =>
        {
            try
            {
                await foreach (LiveServerMessage _ in session.ReceiveAsync(stop.Token))
                {
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var completed = new List<string>();
        var failed = new List<Exception>();
        for (int i = 0; i < 5_000; i++)
        {
            string text = $"s{i:D5}";
            try
            {
                await session.SendTextAsync(text).WaitAsync(HangLimit);
                completed.Add(text);
                await Task.Delay(1); // paced, as audio chunks are
            }
            catch (Exception ex) when (ex is not TimeoutException)
            {
                failed.Add(ex);
            }

            if (server.Peers.Count > Drops && session.ResumptionCount == Drops)
            {
                // Twenty more on the last connection, which stays.
                for (int more = 0; more < 20; more++)
                {
                    string last = $"t{more:D5}";
                    await session.SendTextAsync(last).WaitAsync(HangLimit);
                    completed.Add(last);
                }

                break;
            }
        }

        await Task.Delay(500);
        var arrived = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (RawPeer peer in server.Peers)
        {
            lock (peer.Received)
            {
                foreach (string frame in peer.Received)
                {
                    using JsonDocument json = JsonDocument.Parse(frame);
                    if (json.RootElement.TryGetProperty("realtimeInput", out JsonElement input) && input.TryGetProperty("text", out JsonElement t))
                    {
                        arrived[t.GetString()!] = arrived.GetValueOrDefault(t.GetString()!) + 1;
                    }
                }
            }
        }

        int lost = completed.Count(text => !arrived.ContainsKey(text));
        int duplicated = arrived.Count(pair => pair.Value > 1);
        output.WriteLine($"{session.ResumptionCount} drops, {completed.Count} sends completed, {failed.Count} failed; lost {lost} ({lost / (double)Drops:0.00} per drop), duplicated {duplicated}");
        stop.Cancel();
        await reader.WaitAsync(HangLimit);

        Assert.Equal(Drops, session.ResumptionCount);
        Assert.Empty(failed);
        Assert.Equal(0, duplicated);
        Assert.All(completed.Where(t => t.StartsWith('t')), t => Assert.True(arrived.ContainsKey(t), t + " (sent on the connection that stayed) did not arrive"));
        Assert.Empty(server.Errors);
    }
}
