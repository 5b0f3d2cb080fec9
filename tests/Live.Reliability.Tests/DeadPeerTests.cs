using System.Diagnostics;
using Live.Reliability.Tests.Network;
using Xunit.Abstractions;
using static Live.Reliability.Tests.Network.RawClients;

namespace Live.Reliability.Tests;

/// <summary>
/// A peer that goes away without a close frame, in the three ways a real network does it: a server that stops reading
/// and writing, a server process that is stopped (SIGSTOP), a route that black-holes every packet. With resumption off
/// the session ends with a typed exception within the keep-alive bound; with resumption on it resumes.
/// </summary>
public class DeadPeerTests(ITestOutputHelper output)
{
    public static TheoryData<bool> Modes => new() { false, true };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_silent_peer_after_setupComplete_is_noticed_within_the_keep_alive_bound(bool resumption)
    {
        await using var server = new RawLiveServer(async peer =>
        {
            if (peer.Index == 1)
            {
                await peer.CompleteSetupAsync("handle-1");
                peer.AnswerPings = false; // from here on: nothing read, nothing written, nothing closed
                peer.StopReading();
            }
            else
            {
                await HealthyResumedAsync(peer);
            }
        });

        TimeSpan detected = await RunDeadPeerAsync(server.BaseUrl, resumption, () => Task.CompletedTask, "silent peer");
        Assert.Empty(server.Errors);
        Assert.True(detected < HangLimit);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_stopped_peer_process_is_noticed_within_the_keep_alive_bound(bool resumption)
    {
        await using NodePeerProcess node = await NodePeerProcess.StartAsync();
        await using var healthy = new RawLiveServer(HealthyResumedAsync);
        await using var relay = new TcpRelay(index => index == 1 ? node.Port : healthy.Port);

        TimeSpan detected = await RunDeadPeerAsync(relay.BaseUrl, resumption, node.StopAsync, "SIGSTOP'd peer process");
        Assert.True(detected < HangLimit);
        Assert.Equal(resumption ? 2 : 1, relay.Connections);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_black_holed_route_is_noticed_within_the_keep_alive_bound(bool resumption)
    {
        await using var server = new RawLiveServer(async peer =>
        {
            if (peer.Index == 1)
            {
                await peer.CompleteSetupAsync("handle-1"); // answers pings: only the route dies
            }
            else
            {
                await HealthyResumedAsync(peer);
            }
        });
        await using var relay = new TcpRelay(_ => server.Port);

        TimeSpan detected = await RunDeadPeerAsync(relay.BaseUrl, resumption, () => { relay.BlackHole(); return Task.CompletedTask; }, "black-holed route");
        Assert.True(detected < HangLimit);
    }

    [Fact]
    public async Task With_default_options_a_silent_peer_is_noticed_within_the_documented_20_seconds()
    {
        await using var server = new RawLiveServer(async peer =>
        {
            await peer.CompleteSetupAsync("handle-1");
            peer.AnswerPings = false;
            peer.StopReading();
        });

        // Default keep-alive (5 s pings, 10 s for the pong; bound 2 x 5 + 10 s): the only test that waits for it.
        TimeSpan detected = await RunDeadPeerAsync(
            server.BaseUrl,
            resumption: false,
            () => Task.CompletedTask,
            "silent peer, default options",
            o =>
            {
                o.KeepAliveInterval = ClientOptions.DefaultKeepAliveInterval;
                o.KeepAliveTimeout = ClientOptions.DefaultKeepAliveTimeout;
            },
            hangLimit: TimeSpan.FromSeconds(45));
        Assert.True(detected <= TimeSpan.FromSeconds(21), $"noticed after {detected.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Without_keep_alive_the_receive_idle_timeout_notices_a_silent_peer()
    {
        await using var server = new RawLiveServer(async peer =>
        {
            await peer.CompleteSetupAsync("handle-1");
            peer.StopReading();
        });

        TimeSpan detected = await RunDeadPeerAsync(
            server.BaseUrl,
            resumption: false,
            () => Task.CompletedTask,
            "silent peer, keep-alive off, ReceiveIdleTimeout 1 s",
            o =>
            {
                o.KeepAliveInterval = TimeSpan.Zero;
                o.ReceiveIdleTimeout = TimeSpan.FromSeconds(1);
            },
            expectInMessage: "ReceiveIdleTimeout");
        Assert.True(detected < HangLimit);
    }

    /// <summary>
    /// Connects, reads up to the handle, makes the peer dead, then measures how long the session takes to notice:
    /// the typed exception (resumption off) or the first message of the resumed connection (on).
    /// </summary>
    private async Task<TimeSpan> RunDeadPeerAsync(
        Uri baseUrl,
        bool resumption,
        Func<Task> makeDead,
        string variant,
        Action<ClientOptions>? configure = null,
        TimeSpan? hangLimit = null,
        string? expectInMessage = null)
    {
        await using AsyncSession session = await Create(baseUrl, configure).Live.ConnectAsync(Model, Config(resumption));
        await using IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
        await messages.ReadUntilAsync(m => m.SessionResumptionUpdate is not null);
        await makeDead();
        var clock = Stopwatch.StartNew();
        TimeSpan limit = hangLimit ?? HangLimit;
        if (!resumption)
        {
            var ex = await Assert.ThrowsAsync<LiveServerException>(async () =>
            {
                while (await messages.MoveNextAsync().AsTask().WaitAsync(limit))
                {
                }
            });
            TimeSpan elapsed = clock.Elapsed;
            Assert.Equal(1006, ex.CloseCode);
            Assert.Contains("lost", ex.Message, StringComparison.Ordinal);
            if (expectInMessage is not null)
            {
                Assert.Contains(expectInMessage, ex.Message, StringComparison.Ordinal);
            }

            Assert.True(session.IsClosed);
            await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendTextAsync("after"));
            var closing = Stopwatch.StartNew();
            await session.CloseAsync().WaitAsync(limit);
            Assert.True(closing.Elapsed < TimeSpan.FromSeconds(1), $"CloseAsync of a lost session took {closing.Elapsed}");
            output.WriteLine($"{variant}, resumption off: typed exception after {elapsed.TotalSeconds:0.00} s: {ex.Message}");
            return elapsed;
        }

        await messages.ReadUntilAsync(m => IsText(m, "resumed"));
        TimeSpan resumed = clock.Elapsed;
        Assert.Equal(1, session.ResumptionCount);
        Assert.False(session.IsClosed);
        output.WriteLine($"{variant}, resumption on: resumed after {resumed.TotalSeconds:0.00} s");
        return resumed;
    }
}
