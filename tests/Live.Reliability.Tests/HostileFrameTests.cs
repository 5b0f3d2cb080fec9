using System.Diagnostics;
using System.Text;
using Live.Reliability.Tests.Network;
using Xunit.Abstractions;
using static Live.Reliability.Tests.Network.RawClients;

namespace Live.Reliability.Tests;

/// <summary>Frames a hostile server can send: invalid UTF-8, a header that lies about the length, a frame over the limit sent slowly.</summary>
public class HostileFrameTests(ITestOutputHelper output)
{
    private const int Limit = 16 * 1024 * 1024;

    [Fact]
    public async Task A_text_frame_with_invalid_UTF8_ends_the_session_with_an_error_that_says_so()
    {
        await using var server = new RawLiveServer(async peer =>
        {
            await peer.CompleteSetupAsync();
            await peer.SendFrameAsync(0x1, new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' });
        });

        await using AsyncSession session = await Create(server.BaseUrl).Live.ConnectAsync(Model, Config(false));
        var ex = await Assert.ThrowsAsync<LiveProtocolException>(() => session.ReceiveAsync().GetAsyncEnumerator().DrainAsync());
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsFatal);
        Assert.Equal(1007, ex.CloseCode);
        Assert.True(session.IsClosed);
        output.WriteLine(ex.Message);
    }

    [Fact]
    public async Task A_header_announcing_2_to_the_62_bytes_then_silence_fails_within_the_keep_alive_bound()
    {
        await using var server = new RawLiveServer(async peer =>
        {
            await peer.CompleteSetupAsync();
            await peer.SendRawAsync(RawPeer.Header(0x1, 1L << 62));
            peer.AnswerPings = false; // could not anyway: a pong would be read as payload
        });

        await using AsyncSession session = await Create(server.BaseUrl).Live.ConnectAsync(Model, Config(false));
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAnyAsync<LiveException>(() => session.ReceiveAsync().GetAsyncEnumerator().DrainAsync());
        Assert.True(ex is LiveServerException { CloseCode: 1006 } or LiveProtocolException { IsFatal: true }, ex.ToString());
        Assert.True(session.IsClosed);
        output.WriteLine($"2^62-byte header then silence: {ex.GetType().Name} after {clock.Elapsed.TotalSeconds:0.00} s: {ex.Message}");
    }

    [Fact]
    public async Task A_slow_17_MiB_frame_fails_at_MaxIncomingMessageBytes()
    {
        const int Size = 17 * 1024 * 1024;
        await using var server = new RawLiveServer(async peer =>
        {
            await peer.CompleteSetupAsync();
            byte[] chunk = Encoding.ASCII.GetBytes(new string('a', 1024 * 1024));
            try
            {
                // Slowly: 1 MiB every 20 ms (no pong can go inside a frame, so the client keeps the default keep-alive).
                await peer.SendSlowlyAsync(RawPeer.Header(0x1, Size), chunk, 17, TimeSpan.FromMilliseconds(20));
            }
            catch (IOException)
            {
                // The client closed the connection at the limit.
            }
        });

        await using AsyncSession session = await Create(server.BaseUrl, DefaultKeepAlive).Live.ConnectAsync(Model, Config(false));
        var ex = await Assert.ThrowsAsync<LiveProtocolException>(() => session.ReceiveAsync().GetAsyncEnumerator().DrainAsync());
        Assert.Contains("MaxIncomingMessageBytes", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsFatal);
        Assert.Equal(1009, ex.CloseCode);
        Assert.True(session.IsClosed);
    }

    [Fact]
    public async Task A_header_announcing_2_to_the_62_bytes_followed_by_17_MiB_ends_the_session_within_the_keep_alive_bound()
    {
        await using var server = new RawLiveServer(async peer =>
        {
            await peer.CompleteSetupAsync();
            byte[] chunk = Encoding.ASCII.GetBytes(new string('a', 1024 * 1024));
            try
            {
                await peer.SendSlowlyAsync(RawPeer.Header(0x1, 1L << 62), chunk, 17, TimeSpan.FromMilliseconds(20));
            }
            catch (IOException)
            {
            }
        });

        await using AsyncSession session = await Create(server.BaseUrl, DefaultKeepAlive).Live.ConnectAsync(Model, Config(false));
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAnyAsync<LiveException>(() => session.ReceiveAsync().GetAsyncEnumerator().DrainAsync());
        Assert.True(ex is LiveServerException { CloseCode: 1006 } or LiveProtocolException { IsFatal: true, CloseCode: 1009 }, ex.ToString());
        Assert.True(session.IsClosed);
        output.WriteLine($"2^62-byte header then 17 MiB: {ex.GetType().Name} after {clock.Elapsed.TotalSeconds:0.00} s: {ex.Message}");
    }

    private static void DefaultKeepAlive(ClientOptions options)
    {
        options.KeepAliveInterval = ClientOptions.DefaultKeepAliveInterval;
        options.KeepAliveTimeout = ClientOptions.DefaultKeepAliveTimeout;
    }
}
