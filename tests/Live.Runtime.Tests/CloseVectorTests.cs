using Live.Runtime.Tests.Infrastructure;

namespace Live.Runtime.Tests;

/// <summary>The <c>close_*</c> vectors, <c>connect_waits_for_setup_complete</c> and <c>client_close</c>.</summary>
public class CloseVectorTests
{
    [Theory]
    [InlineData("close_1000_normal", null)]
    [InlineData("close_1007_invalid_argument", typeof(LiveClientException))]
    [InlineData("close_1008_policy", typeof(LiveClientException))]
    [InlineData("close_1011_internal", typeof(LiveServerException))]
    [InlineData("close_4xxx_application", typeof(LiveClientException))]
    public async Task Server_close_ends_receive_with_the_right_outcome(string vectorName, Type? expectedException)
    {
        Vector vector = Vector.Load(vectorName);
        int code = vector.Frame.GetProperty("close_code").GetInt32();
        string reason = vector.Frame.GetProperty("reason").GetString()!;
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        await using (session)
        {
            Assert.NotNull((await session.NextAsync()).SetupComplete);
            transport.EnqueueClose(code, reason);

            if (expectedException is null)
            {
                Assert.Empty(await session.DrainAsync());
            }
            else
            {
                var ex = (LiveException)await Assert.ThrowsAsync(expectedException, () => session.DrainAsync());
                Assert.Equal(code, ex.CloseCode);
                Assert.Equal(reason, ex.CloseReason);
                Assert.Contains($"code {code}", ex.Message, StringComparison.Ordinal);
                Assert.Contains(reason, ex.Message, StringComparison.Ordinal);

                // A later receive reports the same end again.
                Assert.IsType(expectedException, await Record.ExceptionAsync(() => session.DrainAsync()));
            }

            // Sending after close throws (the official JS client drops it silently); closing again is a no-op.
            Assert.True(session.IsClosed);
            await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendClientContentAsync("after close", turnComplete: true));
            await session.CloseAsync();
            await session.CloseAsync();
            Assert.Single(transport.SentFrames);
        }
    }

    [Fact]
    public async Task Close_before_setup_complete()
    {
        Vector vector = Vector.Load("close_before_setup_complete");
        int code = vector.Frame.GetProperty("close_code").GetInt32();
        string reason = vector.Frame.GetProperty("reason").GetString()!;
        var transport = new InMemoryTransport { AutoSetupComplete = false };
        transport.OnSend = _ => transport.EnqueueClose(code, reason);

        var ex = await Assert.ThrowsAsync<LiveClientException>(
            () => new Client(TestClients.GeminiOptions(transport)).Live.ConnectAsync("unknown-model"));

        // The same message as the official client's rejection.
        Assert.Equal(vector.SdkExposed.GetProperty("connect_rejected_with").GetProperty("message").GetString(), ex.Message);
        Assert.Equal(code, ex.CloseCode);
        Assert.Equal(reason, ex.CloseReason);
        Assert.True(transport.Disposed);
    }

    [Fact]
    public async Task Connect_waits_for_setup_complete()
    {
        var transport = new InMemoryTransport { AutoSetupComplete = false };
        ClientOptions options = TestClients.GeminiOptions(transport);
        options.SetupTimeout = TimeSpan.FromSeconds(30);
        Task<AsyncSession> connect = new Client(options).Live.ConnectAsync(TestClients.GeminiModel);

        // Still pending while the server says nothing …
        await Task.Delay(300);
        Assert.False(connect.IsCompleted);

        // … rejected once the server closes.
        transport.EnqueueClose(1011, "gave up");
        await Assert.ThrowsAsync<LiveServerException>(() => connect.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Connect_times_out_without_setup_complete()
    {
        var transport = new InMemoryTransport { AutoSetupComplete = false };
        ClientOptions options = TestClients.GeminiOptions(transport);
        options.SetupTimeout = TimeSpan.FromMilliseconds(200);

        var ex = await Assert.ThrowsAsync<TimeoutException>(
            () => new Client(options).Live.ConnectAsync(TestClients.GeminiModel).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("setupComplete", ex.Message, StringComparison.Ordinal);
        Assert.True(transport.Disposed);
    }

    [Fact]
    public async Task Connect_cancelled_by_the_caller_is_a_cancellation_not_a_timeout()
    {
        var transport = new InMemoryTransport { AutoSetupComplete = false };
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new Client(TestClients.GeminiOptions(transport)).Live.ConnectAsync(TestClients.GeminiModel, null, cts.Token));
        Assert.True(transport.Disposed);
    }

    [Fact]
    public async Task Client_close()
    {
        // The JS client closes without a status (the server sees 1005); this client sends 1000 as the Python SDK does.
        Vector vector = Vector.Load("client_close");
        Assert.Equal("close", vector.Root.GetProperty("frame_type").GetString());
        (AsyncSession session, InMemoryTransport transport) = await TestClients.ConnectGeminiAsync();
        Assert.NotNull((await session.NextAsync()).SetupComplete);

        // A reader waiting while the session is closed ends normally.
        Task<List<LiveServerMessage>> reader = session.DrainAsync();
        await Task.Delay(50);
        await session.CloseAsync();
        await session.CloseAsync();
        await session.DisposeAsync();

        Assert.Empty(await reader.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1000, transport.ClientCloseCode);
        Assert.Equal(1, transport.ClientCloseCount);
        Assert.True(transport.Disposed);
        Assert.True(session.IsClosed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendAudioAsync(new byte[4]));
        Assert.Empty(await session.DrainAsync());
    }
}
