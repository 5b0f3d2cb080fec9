using Live.Testing;
using static Live.Reliability.Tests.Infrastructure.EmulatorClients;

namespace Live.Reliability.Tests;

/// <summary>
/// The incoming size and depth limits over a real socket to the emulator (Live.Runtime.Tests covers a raw loopback
/// server and the in-memory path): a breach closes the session with a typed, fatal error, also with resumption on.
/// </summary>
public class LimitTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_message_over_MaxIncomingMessageBytes_closes_the_session_with_1009_and_is_not_resumed(bool resumable)
    {
        await using LiveEmulator emulator = await StartAsync();
        emulator.Script(s => s
            .SendSessionResumptionUpdate("handle-1")
            .SendText(new string('x', 300_000))
            .ExpectClose());

        await using AsyncSession session = await CreateClient(emulator, o => o.MaxIncomingMessageBytes = 64 * 1024)
            .Live.ConnectAsync(Model, resumable ? ResumableConfig() : new LiveConnectConfig());
        var ex = await Assert.ThrowsAsync<LiveProtocolException>(() => ResumptionTests.DrainAsync(session));
        Assert.True(ex.IsFatal);
        Assert.Equal(1009, ex.CloseCode);
        Assert.Contains("MaxIncomingMessageBytes", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.FrameExcerpt);
        Assert.True(session.IsClosed);
        await emulator.VerifyAsync();
        Assert.Equal(1009, emulator.Connections[0].ClientCloseStatus);
        Assert.Single(emulator.Connections);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.SendTextAsync("after"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_message_nested_deeper_than_MaxJsonDepth_closes_the_session_with_1008_and_is_not_resumed(bool resumable)
    {
        await using LiveEmulator emulator = await StartAsync();
        string deep = "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":"
            + new string('[', 40) + new string(']', 40) + "}}}]}}}";
        emulator.Script(s => s
            .SendSessionResumptionUpdate("handle-1")
            .SendRaw(deep)
            .ExpectClose());

        await using AsyncSession session = await CreateClient(emulator, o => o.MaxJsonDepth = 32)
            .Live.ConnectAsync(Model, resumable ? ResumableConfig() : new LiveConnectConfig());
        var ex = await Assert.ThrowsAsync<LiveProtocolException>(() => ResumptionTests.DrainAsync(session));
        Assert.True(ex.IsFatal);
        Assert.Equal(1008, ex.CloseCode);
        Assert.Contains("MaxJsonDepth (32)", ex.Message, StringComparison.Ordinal);
        Assert.True(session.IsClosed);
        await emulator.VerifyAsync();
        Assert.Equal(1008, emulator.Connections[0].ClientCloseStatus);
        Assert.Single(emulator.Connections);
    }

    [Fact]
    public async Task The_same_nesting_passes_under_the_default_depth_limit()
    {
        await using LiveEmulator emulator = await StartAsync();
        string nested = "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{\"a\":"
            + new string('[', 40) + new string(']', 40) + "}}}]}}}";
        emulator.Script(s => s.SendRaw(nested).SendTurnComplete());

        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model);
        await using IAsyncEnumerator<LiveServerMessage> messages = session.ReceiveAsync().GetAsyncEnumerator();
        List<LiveServerMessage> read = await messages.ReadUntilAsync(m => m.ServerContent?.TurnComplete == true);
        Assert.Contains(read, m => m.ServerContent?.ModelTurn?.Parts?[0].FunctionCall?.Name == "f");
    }
}
