using Live.Tools;
using System.Diagnostics;
using Live.Reliability.Tests.Network;
using Xunit.Abstractions;
using static Live.Reliability.Tests.Network.RawClients;

namespace Live.Reliability.Tests;

/// <summary>
/// One notion of "the connection is gone": a peer that stops reading (sends block), a cancelled send that aborted the
/// socket, a close while a send is blocked, a drop in the middle of a tool call. Whatever notices it first, receives end
/// with the same typed exception (or the session resumes), sends throw, <see cref="AsyncSession.IsClosed"/> is true and
/// <see cref="AsyncSession.CloseAsync"/> returns at once.
/// </summary>
public class ConnectionLossTests(ITestOutputHelper output)
{
    private static readonly byte[] Chunk = new byte[4 * 1024 * 1024];

    public static TheoryData<bool> Modes => new() { false, true };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_peer_that_stops_reading_blocks_a_send_only_within_the_keep_alive_bound(bool resumption)
    {
        await using var server = new RawLiveServer(async peer =>
        {
            if (peer.Index == 1)
            {
                await peer.CompleteSetupAsync("handle-1");
                peer.StopReading(); // a slow reader that never catches up: the client's sends fill the socket buffers
            }
            else
            {
                await HealthyResumedAsync(peer);
            }
        });

        await using AsyncSession session = await Create(server.BaseUrl).Live.ConnectAsync(Model, Config(resumption));
        await using IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
        await messages.ReadUntilAsync(m => m.SessionResumptionUpdate is not null);
        Task reading = resumption ? messages.ReadUntilAsync(m => IsText(m, "resumed")) : messages.DrainAsync();

        var clock = Stopwatch.StartNew();
        Task blocked = await FillUntilBlockedAsync(session);
        if (!resumption)
        {
            var sendError = await Assert.ThrowsAsync<LiveSendException>(() => blocked.WaitAsync(HangLimit));
            Assert.Contains("may not have been delivered", sendError.Message, StringComparison.Ordinal);
            var receiveError = await Assert.ThrowsAsync<LiveServerException>(() => reading);
            Assert.Equal(1006, receiveError.CloseCode);
            Assert.True(session.IsClosed);
            await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendTextAsync("after"));
            output.WriteLine($"stopped reader, resumption off: blocked send failed after {clock.Elapsed.TotalSeconds:0.00} s: {sendError.Message}");
        }
        else
        {
            // The blocked send does not fail: its frame is written again on the resumed connection (unless, on a loaded
            // machine, it was only slow and went out whole on the first connection before the loss).
            await blocked.WaitAsync(HangLimit);
            await reading;
            Assert.Equal(1, session.ResumptionCount);
            await session.SendTextAsync("after the resumption").WaitAsync(HangLimit);
            RawPeer resumed = server.Peers[1];
            var onResumed = new List<string>();
            while (!onResumed.Any(t => t.Contains("after the resumption", StringComparison.Ordinal)))
            {
                onResumed.Add(await resumed.NextTextAsync());
            }

            int audio = onResumed.Count(t => t.Contains("\"audio\"", StringComparison.Ordinal));
            output.WriteLine($"stopped reader, resumption on: blocked send completed after {clock.Elapsed.TotalSeconds:0.00} s; audio frames written again on the resumed connection: {audio}");
        }
    }

    [Fact]
    public async Task A_cancelled_send_that_aborted_the_socket_ends_the_session_at_once_every_time()
    {
        const int Tries = 10;
        await using var server = new RawLiveServer(async peer =>
        {
            await peer.CompleteSetupAsync("handle-1");
            peer.StopReading();
        });

        var times = new List<double>();
        for (int i = 0; i < Tries; i++)
        {
            // Keep-alive off: only the cancelled send can end this session.
            await using AsyncSession session = await Create(server.BaseUrl, o => o.KeepAliveInterval = TimeSpan.Zero).Live.ConnectAsync(Model, Config(false));
            await using IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
            await messages.ReadUntilAsync(m => m.SessionResumptionUpdate is not null);
            Task reading = messages.DrainAsync();

            using var cancel = new CancellationTokenSource();
            Task blocked = await FillUntilBlockedAsync(session, cancel.Token);
            var clock = Stopwatch.StartNew();
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.WaitAsync(HangLimit));

            var ex = await Assert.ThrowsAsync<LiveServerException>(() => reading);
            times.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(1006, ex.CloseCode);
            Assert.Contains("cancelled", ex.Message, StringComparison.Ordinal);
            Assert.True(session.IsClosed);
            await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendTextAsync("after"));
            var closing = Stopwatch.StartNew();
            await session.CloseAsync().WaitAsync(HangLimit);
            Assert.True(closing.Elapsed < TimeSpan.FromSeconds(1), $"CloseAsync took {closing.Elapsed}");
        }

        output.WriteLine($"{Tries} cancelled sends: the receive ended after {times.Min():0} to {times.Max():0} ms");
    }

    [Fact]
    public async Task A_cancelled_send_with_resumption_on_resumes_the_session()
    {
        await using var server = new RawLiveServer(async peer =>
        {
            if (peer.Index == 1)
            {
                await peer.CompleteSetupAsync("handle-1");
                peer.StopReading();
            }
            else
            {
                await HealthyResumedAsync(peer);
            }
        });

        await using AsyncSession session = await Create(server.BaseUrl, o => o.KeepAliveInterval = TimeSpan.Zero).Live.ConnectAsync(Model, Config(true));
        await using IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
        await messages.ReadUntilAsync(m => m.SessionResumptionUpdate is not null);
        using var cancel = new CancellationTokenSource();
        Task blocked = await FillUntilBlockedAsync(session, cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked.WaitAsync(HangLimit));
        await messages.ReadUntilAsync(m => IsText(m, "resumed"));
        Assert.Equal(1, session.ResumptionCount);
        Assert.False(session.IsClosed);
        await session.SendTextAsync("after the resumption").WaitAsync(HangLimit);
        Assert.Contains("after the resumption", await server.Peers[1].NextTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseAsync_is_bounded_by_CloseTimeout_while_a_send_is_blocked_by_a_peer_that_stopped_reading()
    {
        await using var server = new RawLiveServer(async peer =>
        {
            await peer.CompleteSetupAsync();
            peer.StopReading();
        });

        // Keep-alive off so that only the close can end the blocked send.
        await using AsyncSession session = await Create(server.BaseUrl, o =>
        {
            o.KeepAliveInterval = TimeSpan.Zero;
            o.CloseTimeout = TimeSpan.FromSeconds(1);
        }).Live.ConnectAsync(Model, Config(false));
        Task blocked = await FillUntilBlockedAsync(session);

        var clock = Stopwatch.StartNew();
        await session.CloseAsync().WaitAsync(HangLimit);
        TimeSpan closed = clock.Elapsed;
        await Assert.ThrowsAnyAsync<Exception>(() => blocked.WaitAsync(HangLimit));
        Assert.True(session.IsClosed);
        Assert.True(closed < TimeSpan.FromSeconds(1) + TimeSpan.FromSeconds(3), $"CloseAsync took {closed}");
        var second = Stopwatch.StartNew();
        await session.DisposeAsync();
        Assert.True(second.Elapsed < TimeSpan.FromSeconds(1));
        output.WriteLine($"CloseAsync with a blocked send returned after {closed.TotalSeconds:0.00} s (CloseTimeout 1 s)");
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task A_drop_in_the_middle_of_a_tool_call_ends_typed_or_resumes_answering_only_what_the_resumed_session_expects(bool resumption, bool callBeforeHandle)
    {
        var toolStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawLiveServer(async peer =>
        {
            if (peer.Index == 1)
            {
                await peer.CompleteSetupAsync(callBeforeHandle ? null : "handle-1");
                await peer.SendTextAsync(ToolCall("call-1"));
                if (callBeforeHandle)
                {
                    await peer.SendTextAsync("{\"sessionResumptionUpdate\":{\"newHandle\":\"handle-1\",\"resumable\":true}}");
                }

                await toolStarted.Task;
                await Task.Delay(100); // the handle is read before the drop
                peer.Abort();
            }
            else
            {
                await peer.CompleteSetupAsync("handle-2");
            }
        });

        var tools = new GateTools(toolStarted, release);
        await using AsyncSession session = await Create(server.BaseUrl).Live.ConnectAsync(Model, Config(resumption, "echo"));
        Task loop = session.RunWithToolsAsync(tools);
        await toolStarted.Task.WaitAsync(HangLimit);
        if (!resumption)
        {
            var ex = await Assert.ThrowsAsync<LiveServerException>(() => loop.WaitAsync(HangLimit));
            Assert.Equal(1006, ex.CloseCode);
            Assert.True(session.IsClosed);
            return;
        }

        RawPeer resumed = await WaitForPeerAsync(server, 2);
        await WaitUntilAsync(() => session.ResumptionCount == 1);
        if (callBeforeHandle)
        {
            // The resumed session knows the call (it came before the handle's message): the answer goes to it.
            release.TrySetResult();
            string response = await resumed.NextTextAsync(); // setup was read by CompleteSetupAsync
            Assert.Contains("toolResponse", response, StringComparison.Ordinal);
            Assert.Contains("call-1", response, StringComparison.Ordinal);
        }
        else
        {
            // The call came after the handle's message: the resumed session does not know it, so it is cancelled and
            // never answered.
            await tools.Cancelled.Task.WaitAsync(HangLimit);
            release.TrySetResult();
            await Task.Delay(300);
            Assert.DoesNotContain(resumed.Received, t => t.Contains("toolResponse", StringComparison.Ordinal));
        }

        await session.CloseAsync();
        await loop.WaitAsync(HangLimit);
    }

    [Fact]
    public async Task A_response_written_after_the_handle_to_a_connection_that_then_dropped_is_written_again_to_the_resumed_one()
    {
        var toolStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawLiveServer(async peer =>
        {
            if (peer.Index == 1)
            {
                await peer.CompleteSetupAsync();
                await peer.SendTextAsync(ToolCall("call-1"));
                await toolStarted.Task;
                await peer.SendTextAsync("{\"sessionResumptionUpdate\":{\"newHandle\":\"handle-1\",\"resumable\":true}}");
                await Task.Delay(100); // the client reads the handle
                release.TrySetResult();
                string response = await peer.NextTextAsync(); // written after the handle: not in handle-1's state
                Assert.Contains("call-1", response, StringComparison.Ordinal);
                peer.Abort(); // the service lost it with the connection
            }
            else
            {
                await peer.CompleteSetupAsync("handle-2");
            }
        });

        var tools = new GateTools(toolStarted, release);
        await using AsyncSession session = await Create(server.BaseUrl).Live.ConnectAsync(Model, Config(true, "echo"));
        Task loop = session.RunWithToolsAsync(tools);
        RawPeer resumed = await WaitForPeerAsync(server, 2);
        string replayed = await resumed.NextTextAsync();
        Assert.Contains("toolResponse", replayed, StringComparison.Ordinal);
        Assert.Contains("call-1", replayed, StringComparison.Ordinal);
        Assert.Equal(1, session.ResumptionCount);
        Assert.Empty(server.Errors);
        await session.CloseAsync();
        await loop.WaitAsync(HangLimit);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < HangLimit, "the condition never held");
            await Task.Delay(10);
        }
    }

    internal static async Task<RawPeer> WaitForPeerAsync(RawLiveServer server, int count)
    {
        var clock = Stopwatch.StartNew();
        while (server.Peers.Count < count)
        {
            Assert.True(clock.Elapsed < HangLimit, "the client did not reconnect");
            await Task.Delay(10);
        }

        return server.Peers[count - 1];
    }

    /// <summary>Sends 4 MiB audio frames until one does not complete within 300 ms (the socket buffers are full).</summary>
    private static async Task<Task> FillUntilBlockedAsync(AsyncSession session, CancellationToken cancellationToken = default)
    {
        for (int i = 0; i < 64; i++)
        {
            Task send = session.SendAudioAsync(Chunk, cancellationToken: cancellationToken);
            if (await Task.WhenAny(send, Task.Delay(300)) != send)
            {
                return send;
            }

            await send;
        }

        throw new InvalidOperationException("256 MiB went out without a send blocking: the peer is reading.");
    }

    /// <summary>One tool, <c>echo</c>, that waits for the test.</summary>
    private sealed class GateTools(TaskCompletionSource started, TaskCompletionSource release) : ILiveToolSet
    {
        private static readonly FunctionDeclaration Echo = new() { Name = "echo", Description = "A test function." };

        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<FunctionDeclaration> FunctionDeclarations { get; } = [Echo];

        public bool TryGetTool(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out LiveToolInfo? tool)
        {
            tool = null;
            return false;
        }

        public async ValueTask<FunctionResponse> InvokeAsync(FunctionCall call, CancellationToken cancellationToken)
        {
            started.TrySetResult();
            try
            {
                await release.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }

            return FunctionResponse.FromUtf8Json(call.Id, call.Name, "{\"output\":\"done\"}"u8.ToArray());
        }
    }
}
